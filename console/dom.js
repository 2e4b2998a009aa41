// Small DOM helpers: every value reaches the page as text (textContent), never as HTML.

export const byId = (id) => document.getElementById(id);

/** A table from column headers and rows of cells (text, or a Node such as a button). */
export function fillTable(table, headers, rows) {
  const head = document.createElement('tr');
  for (const header of headers) head.append(Object.assign(document.createElement('th'), { textContent: header }));
  const body = rows.map((cells) => {
    const row = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      if (cell instanceof Node) td.append(cell);
      else td.textContent = cell === null || cell === undefined ? '–' : String(cell);
      row.append(td);
    }
    return row;
  });
  table.replaceChildren(head, ...body);
}

export function button(text, onClick) {
  const node = Object.assign(document.createElement('button'), { type: 'button', textContent: text });
  node.addEventListener('click', onClick);
  return node;
}

/** Runs `action`, showing its error (the API's message as returned) in the element `errorId`. */
export async function showingErrors(errorId, action) {
  const target = byId(errorId);
  target.textContent = '';
  try {
    return await action();
  } catch (error) {
    target.textContent = error.message;
    return undefined;
  }
}

export const integer = (value) => Number(value).toLocaleString('en-US');
