/**
 * A tiny terminal emulator for tests: replays what a program wrote to a terminal (text, `\r`, `\n`, erase-line,
 * cursor column, save and restore of the cursor) and returns the lines a person would see. Enough for the escape
 * sequences of a one-line progress bar; unknown CSI sequences are ignored.
 */
export function screen(written: string): string[] {
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  let saved = { row: 0, col: 0 };
  const line = () => {
    while (lines.length <= row) lines.push([]);
    return lines[row] as string[];
  };
  for (let i = 0; i < written.length; i++) {
    const char = written[i] as string;
    if (char === '\r') col = 0;
    else if (char === '\n') {
      row += 1;
      col = 0;
      line();
    } else if (char === '\x1b') {
      const next = written[i + 1];
      if (next === '7') {
        saved = { row, col };
        i += 1;
      } else if (next === '8') {
        ({ row, col } = saved);
        i += 1;
      } else if (next === '[') {
        const match = /^\[([?\d;]*)([A-Za-z])/.exec(written.slice(i + 1, i + 20));
        if (match === null) continue;
        i += match[0].length;
        const [, args = '', command] = match;
        if (command === 'K') {
          const current = line();
          if (args === '2') current.length = 0;
          else if (args === '' || args === '0') current.length = Math.min(current.length, col);
        } else if (command === 'G') col = Math.max(0, Number(args || '1') - 1);
      }
    } else {
      const current = line();
      while (current.length < col) current.push(' ');
      current[col] = char;
      col += 1;
    }
  }
  return lines
    .map((chars) => chars.join('').trimEnd())
    .filter((text, index, all) => text !== '' || index < all.length - 1);
}
