// Import of a Hunspell dictionary (.aff + .dic) as a Tokenizer Studio dictionary.
//
// Mapping: every PFX/SFX flag becomes one allomorph group ("SFX:A", class "A") whose variants are the
// distinct non-empty strings its rules add; stems become roots (pos from the po: morph field, else the
// caller's defaultPos, else "stem");
// stem flags and continuation classes become morphotactic edges (pos -> suffix class, prefix class ->
// pos, suffix class -> continuation class). Conditions are dropped (the hybrid tokenizer learns which
// variant goes where from the corpus) and so is `strip` (noted in the group's gloss and the report).
//
// Hunspell flags are bytes (FLAG char/long) even in UTF-8 files (hu_HU relies on it), so a UTF-8 file
// with byte flags is read as latin1 (one char per byte) and only the text fields are decoded as UTF-8.
import { readFileSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { basename } from 'node:path';
import { UserError } from '../errors';
import { DICTIONARY_FORMAT } from './schema';
import { alphabetOf, normalizeDictionary, surfaceFolder } from './normalize';
import { SkipLog, type ImportReport } from './report';
import type { AllomorphGroup, Dictionary, Root } from './types';

export type FlagType = 'char' | 'long' | 'num' | 'UTF-8';

export interface HunspellOptions {
  /** BCP 47; default: the .aff LANG (tr_TR -> tr-TR), else "und". */
  language?: string;
  /** Default: the .dic file name without extension. */
  name?: string;
  /** The pos of a stem whose entry names none (no po: field); default "stem". */
  defaultPos?: string;
}

export interface HunspellImport {
  dictionary: Dictionary;
  report: ImportReport;
  /** Roots whose pos is `defaultPos` because the file gave none, as `surface + "\0" + pos`. */
  rootsWithoutPos: Set<string>;
}

type AffixType = 'PFX' | 'SFX';

interface Affix {
  type: AffixType;
  /** Raw flag key (as read: one char per byte, or the decimal number). */
  flag: string;
  headerLine: number;
  comment: string;
  variants: string[];
  variantSet: Set<string>;
  strips: Set<string>;
  /** Continuation flags of all rules, and of the rules that add nothing. */
  conts: Set<string>;
  emptyConts: Set<string>;
  hasEmpty: boolean;
  /** Poses of the stems that carry this flag directly. */
  stemPoses: Set<string>;
}

/** Hunspell SET names that are not WHATWG encoding labels. */
const ENCODING_ALIASES: Record<string, string> = {
  'microsoft-cp1251': 'windows-1251',
  'tis620-2533': 'tis-620',
  'iscii-devanagari': '',
};

function decoderFor(set: string, file: string): TextDecoder {
  const label = ENCODING_ALIASES[set.toLowerCase()] ?? set;
  try {
    if (label === '') throw new Error('unsupported');
    return new TextDecoder(label);
  } catch {
    throw new UserError(`${file}: encoding "SET ${set}" is not supported`);
  }
}

const ASCII = /^[\x00-\x7f]*$/;
const FIELD_SPLIT = /[ \t]+/;

function stripBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

/** Fields of a directive line; a field starting with "#" starts a trailing comment. */
function fieldsOf(line: string): { fields: string[]; comment: string } {
  const all = line.trim().split(FIELD_SPLIT);
  const hash = all.findIndex((f) => f.startsWith('#'));
  if (hash < 0) return { fields: all, comment: '' };
  return { fields: all.slice(0, hash), comment: all.slice(hash).join(' ').replace(/^#+\s*/, '') };
}

/** Splits "text/flags" at the first slash not escaped by a backslash ("\/" is a literal slash). */
function splitSlash(s: string): { text: string; flags: string | null } {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '/' && s[i - 1] !== '\\') return { text: s.slice(0, i).replaceAll('\\/', '/'), flags: s.slice(i + 1) };
  }
  return { text: s.replaceAll('\\/', '/'), flags: null };
}

/** Readable, injective name of a flag key: control characters become \xNN / \uNNNN. */
function displayFlag(key: string): string {
  let out = '';
  for (const ch of key) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x21 || (cp >= 0x7f && cp < 0xa1) || cp === 0xad || cp === 0xfffd || ch === '\\') {
      out += cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0').toUpperCase()}` : `\\u${cp.toString(16).padStart(4, '0').toUpperCase()}`;
    } else out += ch;
  }
  return out;
}

function bcp47(lang: string): string {
  return lang.replaceAll('_', '-');
}

export function importHunspell(affPath: string, dicPath: string, opts: HunspellOptions = {}): HunspellImport {
  const started = performance.now();
  const affName = basename(affPath);
  const dicName = basename(dicPath);
  const read = (path: string): Buffer => {
    try {
      return stripBom(readFileSync(path));
    } catch (e) {
      throw new UserError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const affBytes = read(affPath);
  const dicBytes = read(dicPath);

  // SET, FLAG and LANG are ASCII, so a latin1 view finds them before the encoding is known.
  const affLatin1 = affBytes.toString('latin1');
  const set = /^[ \t]*SET[ \t]+(\S+)/m.exec(affLatin1)?.[1] ?? 'ISO8859-1';
  const flagDirective = /^[ \t]*FLAG[ \t]+(\S+)/m.exec(affLatin1)?.[1];
  const langDirective = /^[ \t]*LANG[ \t]+(\S+)/m.exec(affLatin1)?.[1];
  let flagType: FlagType = 'char';
  if (flagDirective !== undefined) {
    const f = flagDirective.toLowerCase();
    if (f === 'long' || f === 'num') flagType = f;
    else if (f === 'utf-8') flagType = 'UTF-8';
    else throw new UserError(`${affName}: unknown "FLAG ${flagDirective}" (expected long, num or UTF-8)`);
  }
  const decoder = decoderFor(set, affName);
  const utf8 = decoder.encoding === 'utf-8';
  // Byte flags in a UTF-8 file: keep bytes as chars, decode the text fields one by one.
  const byteFlagsInUtf8 = utf8 && (flagType === 'char' || flagType === 'long');
  const decodeAll = (bytes: Buffer): string => (byteFlagsInUtf8 ? bytes.toString('latin1') : decoder.decode(bytes));
  const textOf = byteFlagsInUtf8 ? (s: string): string => (ASCII.test(s) ? s : Buffer.from(s, 'latin1').toString('utf8')) : (s: string): string => s;

  const language = opts.language ?? (langDirective ? bcp47(langDirective) : 'und');
  const fold = surfaceFolder(language);
  const skipped = new SkipLog();
  const warnings: string[] = [];

  // ---------- flags ----------
  const aliases: string[][] = [];
  const morphAliases: string[] = [];
  const flagCache = new Map<string, string[]>();
  const parseRawFlags = (field: string, file: string, line: number): string[] => {
    switch (flagType) {
      case 'char':
        return field.split('');
      case 'UTF-8':
        return Array.from(field);
      case 'long': {
        if (field.length % 2 !== 0) throw new UserError(`${file}:${line}: FLAG long needs two characters per flag, got "${textOf(field)}"`);
        const out: string[] = [];
        for (let i = 0; i < field.length; i += 2) out.push(field.slice(i, i + 2));
        return out;
      }
      case 'num':
        return field.split(',').map((n) => {
          if (!/^\d+$/.test(n) || Number(n) > 65535) throw new UserError(`${file}:${line}: FLAG num expects numbers 0-65535 separated by commas, got "${field}"`);
          return String(Number(n));
        });
    }
  };
  /** Flags of a .dic entry or a continuation class, with AF aliases resolved. */
  const parseFlags = (field: string, file: string, line: number): string[] => {
    if (field === '') return [];
    const cached = flagCache.get(field);
    if (cached) return cached;
    let flags: string[];
    if (aliases.length > 0) {
      const n = Number(field);
      if (!/^\d+$/.test(field) || n < 1 || n > aliases.length) {
        throw new UserError(`${file}:${line}: flag alias "${textOf(field)}" is not a number from 1 to ${aliases.length} (the AF table)`);
      }
      flags = aliases[n - 1];
    } else flags = parseRawFlags(field, file, line);
    flagCache.set(field, flags);
    return flags;
  };

  // ---------- .aff ----------
  const affixes = new Map<string, Affix>(); // key: "S" or "P" + flag
  const special = { needAffix: new Set<string>(), forbidden: new Set<string>(), other: new Set<string>() };
  const unhandled = new Set<string>();
  let afCount: number | null = null;
  let amCount: number | null = null;
  let open: { affix: Affix; rawFlag: string; remaining: number; line: number } | null = null;
  let stripRules = 0;
  let emptyRules = 0;
  let ignore: string | null = null;
  const SPECIAL_FLAGS = new Set([
    'CIRCUMFIX', 'KEEPCASE', 'NOSUGGEST', 'ONLYINCOMPOUND', 'COMPOUNDFLAG', 'COMPOUNDBEGIN', 'COMPOUNDMIDDLE',
    'COMPOUNDEND', 'COMPOUNDLAST', 'COMPOUNDFIRST', 'COMPOUNDPERMITFLAG', 'COMPOUNDFORBIDFLAG', 'COMPOUNDROOT',
    'SUBSTANDARD', 'WARN', 'FORCEUCASE', 'LEMMA_PRESENT', 'PSEUDOROOT',
  ]);

  const affLines = splitLines(decodeAll(affBytes));
  for (let i = 0; i < affLines.length; i++) {
    const lineNo = i + 1;
    const raw = affLines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const { fields, comment } = fieldsOf(raw);
    const directive = fields[0];
    const where = `${affName}:${lineNo}`;

    if (open && open.remaining > 0) {
      const { affix } = open;
      if (directive !== affix.type || fields[1] !== open.rawFlag) {
        throw new UserError(
          `${where}: expected ${open.remaining} more ${affix.type} ${displayFlag(affix.flag)} rule${open.remaining === 1 ? '' : 's'} (header on line ${open.line}), found "${textOf(trimmed).slice(0, 60)}"`,
        );
      }
      if (fields.length < 4) throw new UserError(`${where}: ${directive} rule has ${fields.length} fields, expected at least 4`);
      open.remaining--;
      const strip = fields[2] === '0' ? '' : textOf(fields[2]);
      const { text: addRaw, flags: contRaw } = splitSlash(fields[3]);
      const add = addRaw === '0' ? '' : fold(textOf(addRaw));
      const conts = contRaw === null ? [] : parseFlags(contRaw, affName, lineNo);
      for (const c of conts) affix.conts.add(c);
      if (strip !== '') {
        stripRules++;
        affix.strips.add(strip);
      }
      if (add === '') {
        emptyRules++;
        affix.hasEmpty = true;
        for (const c of conts) affix.emptyConts.add(c);
      } else if (!affix.variantSet.has(add)) {
        affix.variantSet.add(add);
        affix.variants.push(add);
      }
      continue;
    }

    switch (directive) {
      case 'PFX':
      case 'SFX': {
        if (fields.length < 4) throw new UserError(`${where}: ${directive} header has ${fields.length} fields, expected 4 (${directive} flag cross_product count)`);
        const count = Number(fields[3]);
        if (!/^\d+$/.test(fields[3])) {
          throw new UserError(`${where}: ${directive} ${displayFlag(fields[1])}: expected a header (${directive} flag Y|N count) before its rules, got "${textOf(trimmed).slice(0, 60)}"`);
        }
        if (fields[2] !== 'Y' && fields[2] !== 'N') throw new UserError(`${where}: ${directive} header cross_product must be Y or N, got "${fields[2]}"`);
        const flags = parseRawFlags(fields[1], affName, lineNo);
        if (flags.length !== 1) throw new UserError(`${where}: ${directive} header names ${flags.length} flags ("${textOf(fields[1])}"), expected one`);
        const key = directive[0] + flags[0];
        let affix = affixes.get(key);
        if (!affix) {
          affix = {
            type: directive, flag: flags[0], headerLine: lineNo, comment: textOf(comment), variants: [], variantSet: new Set(),
            strips: new Set(), conts: new Set(), emptyConts: new Set(), hasEmpty: false, stemPoses: new Set(),
          };
          affixes.set(key, affix);
        }
        open = { affix, rawFlag: fields[1], remaining: count, line: lineNo };
        break;
      }
      case 'AF':
      case 'AM': {
        if (fields.length < 2) throw new UserError(`${where}: ${directive} needs a value`);
        const isAf = directive === 'AF';
        const count = isAf ? afCount : amCount;
        if (count === null) {
          if (!/^\d+$/.test(fields[1])) throw new UserError(`${where}: the first ${directive} line must give the number of aliases, got "${textOf(fields[1])}"`);
          if (isAf) afCount = Number(fields[1]);
          else amCount = Number(fields[1]);
        } else if (isAf) aliases.push(parseRawFlags(fields[1], affName, lineNo));
        else morphAliases.push(textOf(fields.slice(1).join(' ')));
        break;
      }
      case 'NEEDAFFIX':
      case 'FORBIDDENWORD':
        if (fields.length < 2) throw new UserError(`${where}: ${directive} needs a flag`);
        for (const f of parseRawFlags(fields[1], affName, lineNo)) (directive === 'NEEDAFFIX' ? special.needAffix : special.forbidden).add(f);
        break;
      case 'IGNORE':
        ignore = textOf(fields.slice(1).join(''));
        break;
      case 'SET':
      case 'FLAG':
      case 'LANG':
        break;
      default:
        if (SPECIAL_FLAGS.has(directive) && fields.length >= 2) {
          for (const f of parseRawFlags(fields[1], affName, lineNo)) special.other.add(f);
        }
        if (/^[A-Z][A-Z0-9_]*$/.test(directive)) unhandled.add(directive);
        else skipped.add(affName, lineNo, `unknown line "${textOf(trimmed).slice(0, 40)}"`);
    }
  }
  if (open && open.remaining > 0) {
    throw new UserError(`${affName}:${affLines.length}: the file ends ${open.remaining} ${open.affix.type} rule${open.remaining === 1 ? '' : 's'} short of the header on line ${open.line}`);
  }
  if (afCount !== null && afCount !== aliases.length) warnings.push(`${affName}: AF announces ${afCount} aliases but lists ${aliases.length}`);
  if (amCount !== null && amCount !== morphAliases.length) warnings.push(`${affName}: AM announces ${amCount} aliases but lists ${morphAliases.length}`);

  const suffixOf = (flag: string): Affix | undefined => affixes.get('S' + flag);
  const prefixOf = (flag: string): Affix | undefined => affixes.get('P' + flag);

  // ---------- .dic ----------
  const roots = new Map<string, Root>();
  // Graph nodes: "p:" + pos, "S"/"P" + flag, "^".
  const edges = new Set<string>();
  const edge = (from: string, to: string): void => void edges.add(`${from}\u0000${to}`);
  let merged = 0;
  let posConflicts = 0;
  let unknownFlagUses = 0;
  const unknownFlags = new Set<string>();

  interface FlagSet {
    suffixes: Affix[];
    prefixes: Affix[];
    unknown: string[];
    forbidden: boolean;
    needAffix: boolean;
    posDone: Set<string>;
  }
  const NO_FLAGS: FlagSet = { suffixes: [], prefixes: [], unknown: [], forbidden: false, needAffix: false, posDone: new Set() };
  const flagSets = new Map<string, FlagSet>();
  const flagSetOf = (field: string, lineNo: number): FlagSet => {
    let set = flagSets.get(field);
    if (set) return set;
    const flags = parseFlags(field, dicName, lineNo);
    set = { suffixes: [], prefixes: [], unknown: [], forbidden: false, needAffix: false, posDone: new Set() };
    for (const f of flags) {
      const s = suffixOf(f);
      const p = prefixOf(f);
      if (s) set.suffixes.push(s);
      if (p) set.prefixes.push(p);
      if (special.forbidden.has(f)) set.forbidden = true;
      else if (special.needAffix.has(f)) set.needAffix = true;
      else if (!s && !p && !special.other.has(f)) {
        set.unknown.push(f);
        unknownFlags.add(f);
      }
    }
    flagSets.set(field, set);
    return set;
  };
  const defaultPos = opts.defaultPos ?? 'stem';
  const rootsWithoutPos = new Set<string>();
  /** The po: field of a .dic entry's morphological description (AM aliases resolved), else null. */
  const posOf = (morph: string, lineNo: number): string | null => {
    for (const token of morph.trim().split(/\s+/)) {
      if (/^\d+$/.test(token) && morphAliases.length > 0) {
        const alias = morphAliases[Number(token) - 1];
        if (alias === undefined) throw new UserError(`${dicName}:${lineNo}: morphological alias ${token} is not in the AM table (1-${morphAliases.length})`);
        const po = /(?:^|\s)po:(\S+)/.exec(alias);
        if (po) return po[1];
      } else if (token.startsWith('po:') && token.length > 3) return token.slice(3);
    }
    return null;
  };

  const dicLines = splitLines(decodeAll(dicBytes));
  let first = 0;
  while (first < dicLines.length && dicLines[first].trim() === '') first++;
  const countText = (dicLines[first] ?? '').trim();
  if (!/^\d+$/.test(countText)) {
    throw new UserError(`${dicName}:${first + 1}: the first line must be the number of entries, found "${textOf(countText).slice(0, 40)}"`);
  }
  const announced = Number(countText);
  let entries = 0;
  for (let i = first + 1; i < dicLines.length; i++) {
    const line = dicLines[i];
    const lineNo = i + 1;
    if (line.trim() === '' || line.startsWith('\t') || /^#(\s|$)/.test(line)) continue;
    entries++;
    let wordPart = line;
    let morph = '';
    const tab = line.indexOf('\t');
    if (tab >= 0) {
      wordPart = line.slice(0, tab);
      morph = line.slice(tab + 1);
    } else {
      const m = / [^ \t:]{2}:/.exec(line);
      if (m) {
        wordPart = line.slice(0, m.index);
        morph = line.slice(m.index + 1);
      }
    }
    const { text: stemRaw, flags: flagField } = splitSlash(wordPart.trimEnd());
    const set = flagField === null ? NO_FLAGS : flagSetOf(flagField, lineNo);
    const stem = textOf(stemRaw);
    if (stem === '') {
      skipped.add(dicName, lineNo, 'empty stem');
      continue;
    }
    if (set.forbidden) {
      skipped.add(dicName, lineNo, `"${stem}" is a FORBIDDENWORD`);
      continue;
    }
    if (set.needAffix && set.suffixes.length + set.prefixes.length === 0) {
      skipped.add(dicName, lineNo, `"${stem}" needs an affix (NEEDAFFIX) but has none`);
      continue;
    }
    if (/\s/.test(stem)) {
      skipped.add(dicName, lineNo, `"${stem}" is several words`);
      continue;
    }
    if (stem.includes('\ufffd')) {
      skipped.add(dicName, lineNo, `"${stem}" has bytes that are not valid ${decoder.encoding}`);
      continue;
    }
    const given = morph === '' ? null : posOf(textOf(morph), lineNo);
    let pos = given ?? defaultPos;
    const surface = fold(stem);
    const existing = roots.get(surface);
    if (existing) {
      merged++;
      if (existing.pos !== pos) posConflicts++;
      pos = existing.pos;
    } else {
      roots.set(surface, { surface, pos });
      if (given === null) rootsWithoutPos.add(`${surface}\u0000${pos}`);
    }
    unknownFlagUses += set.unknown.length;
    // Edges depend only on (flag set, pos): do the work once per pair.
    if (!set.posDone.has(pos)) {
      set.posDone.add(pos);
      const posNode = 'p:' + pos;
      for (const s of set.suffixes) {
        edge(posNode, 'S' + s.flag);
        s.stemPoses.add(pos);
      }
      for (const p of set.prefixes) {
        edge('^', 'P' + p.flag);
        edge('P' + p.flag, posNode);
        p.stemPoses.add(pos);
      }
    }
  }
  if (entries !== announced) warnings.push(`${dicName}: the first line announces ${announced} entries, the file has ${entries}`);

  // ---------- morphotactics ----------
  const poses = new Set<string>();
  for (const r of roots.values()) poses.add(r.pos);
  for (const pos of poses) edge('^', 'p:' + pos);
  let mixedUnresolved = 0;
  for (const affix of affixes.values()) {
    const node = affix.type[0] + affix.flag;
    for (const c of affix.conts) {
      const s = suffixOf(c);
      const p = prefixOf(c);
      if (!s && !p) continue;
      if (affix.type === 'SFX') {
        if (s) edge(node, 'S' + c);
        if (p) {
          // A prefix allowed after a suffix: it attaches to the stems that carry this suffix.
          if (affix.stemPoses.size === 0) mixedUnresolved++;
          for (const pos of affix.stemPoses) {
            edge('^', 'P' + c);
            edge('P' + c, 'p:' + pos);
          }
        }
      } else {
        if (p) {
          edge('^', 'P' + c);
          edge('P' + c, node);
        }
        if (s) {
          if (affix.stemPoses.size === 0) mixedUnresolved++;
          for (const pos of affix.stemPoses) edge('p:' + pos, 'S' + c);
        }
      }
    }
  }
  // A suffix that may add nothing is transparent for its empty rules' continuations: whatever reaches
  // it reaches them directly (worklist, since the new edges may reach another empty suffix).
  const succ = new Map<string, Set<string>>();
  const pred = new Map<string, Set<string>>();
  const link = (from: string, to: string): boolean => {
    let s = succ.get(from);
    if (!s) succ.set(from, (s = new Set()));
    if (s.has(to)) return false;
    s.add(to);
    let p = pred.get(to);
    if (!p) pred.set(to, (p = new Set()));
    p.add(from);
    return true;
  };
  for (const e of edges) {
    const [from, to] = e.split('\u0000');
    link(from, to);
  }
  const work = [...affixes.values()].filter((a) => a.type === 'SFX' && a.hasEmpty).map((a) => 'S' + a.flag);
  while (work.length > 0) {
    const node = work.pop()!;
    const affix = affixes.get(node)!;
    const targets = [...affix.emptyConts].filter((c) => suffixOf(c)).map((c) => 'S' + c);
    for (const from of [...(pred.get(node) ?? [])]) {
      for (const to of targets) {
        if (from !== to && link(from, to) && affixes.get(to)?.hasEmpty) work.push(to);
      }
    }
  }

  // ---------- groups and classes ----------
  const flagsInBoth = new Set<string>();
  for (const a of affixes.values()) if (a.type === 'SFX' && prefixOf(a.flag)) flagsInBoth.add(a.flag);
  const classOf = new Map<string, string>(); // node -> class
  const groups: AllomorphGroup[] = [];
  let variants = 0;
  for (const [node, a] of affixes) {
    if (a.variants.length === 0) continue;
    const shown = displayFlag(a.flag);
    const name = `${a.type}:${shown}`;
    const cls = flagsInBoth.has(a.flag) || poses.has(shown) || shown === '^' || shown === '$' ? name : shown;
    classOf.set(node, cls);
    const gloss = [a.comment];
    if (a.strips.size > 0) {
      const listed = [...a.strips].slice(0, 5).map((s) => `'${s}'`).join(', ');
      gloss.push(`strip ${listed}${a.strips.size > 5 ? ` (+${a.strips.size - 5} more)` : ''}`);
    }
    const group: AllomorphGroup = { name, kind: a.type === 'PFX' ? 'prefix' : 'suffix', class: cls, variants: a.variants };
    const text = gloss.filter((g) => g !== '').join('; ');
    if (text !== '') group.gloss = text;
    groups.push(group);
    variants += a.variants.length;
  }
  for (const pos of poses) classOf.set('p:' + pos, pos);
  classOf.set('^', '^');
  const classEdges: [string, string][] = [];
  const seen = new Set<string>();
  for (const [from, tos] of succ) {
    const a = classOf.get(from);
    if (a === undefined) continue; // an affix without variants
    for (const to of tos) {
      const b = classOf.get(to);
      if (b === undefined) continue;
      const key = `${a}\u0000${b}`;
      if (!seen.has(key)) {
        seen.add(key);
        classEdges.push([a, b]);
      }
    }
  }

  // ---------- dictionary ----------
  const rootList = [...roots.values()];
  const dictionary = normalizeDictionary({
    format: DICTIONARY_FORMAT,
    name: opts.name ?? dicName.replace(/\.dic$/i, ''),
    language,
    alphabet: '',
    charClasses: {},
    roots: rootList,
    groups,
    morphotactics: { edges: classEdges },
    sources: [affName, dicName],
  });
  dictionary.alphabet = alphabetOf(dictionary);

  if (stripRules > 0) warnings.push(`${stripRules} affix rules strip characters from the stem; the dictionary model has no strip, so it is noted in the group's gloss ("strip 'ak'")`);
  if (emptyRules > 0) warnings.push(`${emptyRules} affix rules add nothing; they give no variant, their continuation classes are linked through`);
  const emptyAffixes = [...affixes.values()].filter((a) => a.variants.length === 0).length;
  if (emptyAffixes > 0) warnings.push(`${emptyAffixes} affix flags add nothing at all and became no group`);
  if (merged > 0) warnings.push(`${merged} stems repeat an earlier stem (after lower-casing) and were merged into it`);
  if (posConflicts > 0) warnings.push(`${posConflicts} merged stems had a different po: than the first; the first was kept`);
  if (unknownFlagUses > 0) {
    const sample = [...unknownFlags].slice(0, 10).map((f) => displayFlag(f)).join(' ');
    warnings.push(`${unknownFlagUses} stem flags name no affix (${unknownFlags.size} distinct, e.g. ${sample}); ignored`);
  }
  if (mixedUnresolved > 0) warnings.push(`${mixedUnresolved} prefix/suffix continuations belong to affixes no stem carries directly; not mapped`);
  if (ignore !== null) warnings.push(`IGNORE ${JSON.stringify(ignore)} is noted but not applied`);
  if (unhandled.size > 0) warnings.push(`directives not used by the import: ${[...unhandled].sort().join(', ')}`);

  return {
    dictionary,
    report: {
      format: 'hunspell',
      roots: dictionary.roots.length,
      groups: groups.length,
      variants,
      edges: classEdges.length,
      skipped: skipped.entries,
      skippedTotal: skipped.total,
      warnings,
      parseMs: performance.now() - started,
    },
    rootsWithoutPos,
  };
}
