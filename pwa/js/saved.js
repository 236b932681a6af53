// What a page keeps on this device (localStorage, as JSON). Private mode or a full storage lose it
// quietly: each caller has another way back (the e-mail's link, the receipt, the open page).
export function load(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

export function loadList(key) {
  const list = load(key);
  return Array.isArray(list) ? list : [];
}

// null or an empty list removes the key.
export function save(key, value) {
  try {
    if (value == null || (Array.isArray(value) && !value.length)) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or storage full
  }
}
