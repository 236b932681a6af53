// One numbering of a survey's questions, used by the citizen page, the editor's
// preview, the results and the committee report: every question keeps its place in
// the definition (follow-ups included), so "4." means the same question everywhere.
// A citizen's "Frage x von N" counts the questions that apply to their answers.

// Strict equality keeps true and 1 apart, as the server does.
export const asked = (q, answers) => !q.show_if
  || [answers[q.show_if.question_id]].flat().some((v) => q.show_if.values.includes(v));

// The number of a question: its place in the definition, from 1 (0 if unknown).
export function questionNumber(questions, id) {
  return questions.findIndex((q) => q.id === id) + 1;
}

// Where a citizen is: the first question of the current step counted among the
// questions that apply so far (in the order they are asked), and how many apply.
export function progress(order, answers, first) {
  const applying = order.filter((q) => asked(q, answers));
  return { n: applying.indexOf(first) + 1, total: applying.length };
}
