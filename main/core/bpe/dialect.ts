// Translation of pre-tokenizer patterns between JavaScript ('u' flag, no other flags) and the Oniguruma
// syntax Hugging Face tokenizers uses in tokenizer.json. Constructs whose meaning differs between the two
// engines are rewritten to an explicit form both read the same way; constructs that cannot be carried
// over are rejected with an error naming them. The presets use only shared syntax and pass through unchanged.

type Dialect = 'js' | 'onig';

const JS_SPACE = '\\t-\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const JS_WORD = 'a-zA-Z0-9_';
// Oniguruma's Unicode \w: letters, marks, decimal digits and connector punctuation.
const ONIG_WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';

function unsupported(pattern: string, what: string, from: Dialect): never {
  const engine = from === 'js' ? 'JavaScript' : 'Oniguruma';
  throw new Error(`pre-tokenizer pattern ${JSON.stringify(pattern)}: ${what} (${engine} syntax) cannot be translated faithfully`);
}

function hex(cp: number): string {
  return cp.toString(16).padStart(4, '0');
}

/** A code point written so both engines read it as that one literal character. */
function portableCodePoint(cp: number): string {
  if (cp <= 0xffff) return `\\u${hex(cp)}`;
  return String.fromCodePoint(cp);
}

/** Reads one escape sequence starting at the backslash at i; returns its text. */
function readEscape(p: string, i: number): string {
  const c = p[i + 1];
  if (c === undefined) return '\\';
  if ((c === 'p' || c === 'P' || c === 'x' || c === 'u' || c === 'k') && (p[i + 2] === '{' || p[i + 2] === '<')) {
    const close = p.indexOf(p[i + 2] === '{' ? '}' : '>', i + 3);
    if (close > 0) return p.slice(i, close + 1);
  }
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) return p.slice(i, i + 6);
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 2, i + 4))) return p.slice(i, i + 4);
  if (c === 'c' && i + 2 < p.length) return p.slice(i, i + 3);
  const cp = p.codePointAt(i + 1)!;
  return '\\' + String.fromCodePoint(cp);
}

function jsPropertyExists(body: string): boolean {
  try {
    new RegExp(`\\p{${body}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

function translateEscape(esc: string, inClass: boolean, from: Dialect, pattern: string): string {
  const letter = esc[1];
  if (from === 'js') {
    switch (letter) {
      case 'd': return inClass ? '0-9' : '[0-9]';
      case 'D': return '[^0-9]'; // Oniguruma nests classes, so this also works inside [...]
      case 'w': return inClass ? JS_WORD : `[${JS_WORD}]`;
      case 'W': return `[^${JS_WORD}]`;
      case 's': return inClass ? JS_SPACE : `[${JS_SPACE}]`;
      case 'S': return `[^${JS_SPACE}]`;
      case 'b':
        if (inClass) return '\\x08';
        return `(?:(?<=[${JS_WORD}])(?![${JS_WORD}])|(?<![${JS_WORD}])(?=[${JS_WORD}]))`;
      case 'B':
        return `(?:(?<=[${JS_WORD}])(?=[${JS_WORD}])|(?<![${JS_WORD}])(?![${JS_WORD}]))`;
      case 'p':
      case 'P': {
        const m = /^\\[pP]\{(?:(?:Script|sc|General_Category|gc)=)?([^}=]+)\}$/.exec(esc);
        if (!m) return unsupported(pattern, esc, 'js');
        return `\\${letter}{${m[1]}}`;
      }
      case 'u':
        if (esc.startsWith('\\u{')) return portableCodePoint(parseInt(esc.slice(3, -1), 16));
        return esc;
      case '0': return '\\x00';
      default:
        return esc;
    }
  }
  switch (letter) {
    case 'd': return inClass ? '\\p{Nd}' : '\\p{Nd}';
    case 'D': return '\\P{Nd}';
    case 's': return '\\p{White_Space}';
    case 'S': return '\\P{White_Space}';
    case 'w': return inClass ? ONIG_WORD : `[${ONIG_WORD}]`;
    case 'W':
      if (inClass) return unsupported(pattern, '\\W inside a character class', 'onig');
      return `[^${ONIG_WORD}]`;
    case 'h': return inClass ? '0-9a-fA-F' : '[0-9a-fA-F]';
    case 'H':
      if (inClass) return unsupported(pattern, '\\H inside a character class', 'onig');
      return '[^0-9a-fA-F]';
    case 'A': return '(?<![\\s\\S])';
    case 'z': return '(?![\\s\\S])';
    case 'Z': return '(?=\\n?(?![\\s\\S]))';
    case 'x':
      if (esc.startsWith('\\x{')) return portableCodePoint(parseInt(esc.slice(3, -1), 16));
      return esc;
    case 'p':
    case 'P': {
      let body = esc.slice(3, -1);
      let negate = letter === 'P';
      if (body.startsWith('^')) {
        negate = !negate;
        body = body.slice(1);
      }
      const name = jsPropertyExists(body) ? body : jsPropertyExists(`Script=${body}`) ? `Script=${body}` : null;
      if (name === null) return unsupported(pattern, `the property ${esc}`, 'onig');
      return `\\${negate ? 'P' : 'p'}{${name}}`;
    }
    case 'b':
    case 'B':
    case 'G':
    case 'K':
    case 'R':
    case 'X':
    case 'O':
    case 'N':
      if (inClass && letter === 'b') return '\\x08';
      return unsupported(pattern, esc, 'onig');
    default:
      return esc;
  }
}

// Unicode case folding adds these non-ASCII partners to ASCII letters.
const EXTRA_CASE: Record<string, string> = { s: 'ſ', k: '\u212a' };

/** Expands an Oniguruma (?i:...) group that holds only literal text and alternation. */
function expandCaseInsensitive(body: string, pattern: string): string {
  let out = '';
  for (const ch of body) {
    if (/[a-zA-Z]/.test(ch)) {
      const lo = ch.toLowerCase();
      out += `[${lo}${lo.toUpperCase()}${EXTRA_CASE[lo] ?? ''}]`;
    } else if (/[|'’ \-_0-9]/.test(ch)) {
      out += ch;
    } else {
      unsupported(pattern, `a case-insensitive group (?i:${body}) containing ${JSON.stringify(ch)}`, 'onig');
    }
  }
  return `(?:${out})`;
}

function translate(pattern: string, from: Dialect): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const esc = readEscape(pattern, i);
      out += translateEscape(esc, inClass, from, pattern);
      i += esc.length;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (from === 'onig' && (c === '[' || pattern.startsWith('&&', i))) {
        unsupported(pattern, 'a nested character class or class intersection', 'onig');
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      if (from === 'js' && pattern.startsWith('[^]', i)) {
        out += '[\\x{0}-\\x{10FFFF}]';
        i += 3;
        continue;
      }
      if (from === 'js' && pattern.startsWith('[]', i)) {
        out += '(?!)';
        i += 2;
        continue;
      }
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in Oniguruma but closes an empty class in JS.
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (from === 'onig' && pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      i++;
      continue;
    }
    if (c === '.') out += from === 'js' ? '[^\\n\\r\\u2028\\u2029]' : '[^\\n]';
    else if (c === '^') out += from === 'js' ? '\\A' : '(?<![^\\n])';
    else if (c === '$') out += from === 'js' ? '\\z' : '(?![^\\n])';
    else if (c === '(' && from === 'onig' && pattern[i + 1] === '?' && /[imx-]/.test(pattern[i + 2] ?? '')) {
      const m = /^\(\?i:((?:[^()\\[\]]|\((?!\?))*?)\)/.exec(pattern.slice(i));
      if (!m) unsupported(pattern, 'an inline option group (?imx...)', 'onig');
      out += expandCaseInsensitive(m[1], pattern);
      i += m[0].length;
      continue;
    } else out += c;
    i++;
  }
  return out;
}

/** A JavaScript pattern (flags 'gu') rewritten in Oniguruma syntax with the same meaning, for tokenizer.json. */
export function jsToOnig(pattern: string): string {
  return translate(pattern, 'js');
}

/** An Oniguruma pattern from tokenizer.json rewritten as a JavaScript source for the 'gu' flags. */
export function onigToJs(pattern: string): string {
  return translate(pattern, 'onig');
}
