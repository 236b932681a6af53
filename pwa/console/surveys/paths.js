// The survey document addressed by the server's field paths ("questions[2].label.de"),
// as the editor's inputs and the validation errors name them.
// "questions[2].options[1].label.de" -> ['questions', 2, 'options', 1, 'label', 'de']
function keys(path) {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

export function setPath(target, path, value) {
  const parts = keys(path);
  const last = parts.pop();
  let node = target;
  parts.forEach((k, i) => {
    if (node[k] == null) node[k] = typeof parts[i + 1] === 'number' ? [] : {};
    node = node[k];
  });
  node[last] = value;
}

export function getPath(target, path) {
  return keys(path).reduce((node, k) => node?.[k], target);
}
