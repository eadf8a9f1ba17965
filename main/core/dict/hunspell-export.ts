// A dictionary written as a Hunspell pair: one PFX/SFX flag per allomorph group with one rule per
// variant (strip 0, condition "."), flag sets as AF aliases, the morphotactics as stem flags and
// continuation classes, pos as a po: field. importHunspell of the result gives back the same roots,
// groups (named by flag; the exporter returns the mapping) and variants. Hunspell chains at most two
// suffixes when checking spelling; the exported graph is for exchange, not for a spell checker.
import { writeFileSync } from 'node:fs';
import { UserError } from '../errors';
import type { AllomorphGroup, Dictionary } from './types';

export interface HunspellExport {
  aff: string;
  dic: string;
  /** Group name -> the flag written for it (the re-imported group is "SFX:<flag>" / "PFX:<flag>"). */
  flags: Record<string, string>;
  /** What the Hunspell format cannot hold, one sentence each. */
  lost: string[];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function checkField(what: string, s: string): void {
  if (/\s/.test(s)) throw new UserError(`cannot export ${what} ${JSON.stringify(s)} to Hunspell: it contains white space`);
}

export function exportHunspell(d: Dictionary): HunspellExport {
  const useLong = d.groups.length <= ALNUM.length * ALNUM.length;
  const flagOf = new Map<AllomorphGroup, string>();
  d.groups.forEach((g, i) => flagOf.set(g, useLong ? ALNUM[Math.floor(i / ALNUM.length)] + ALNUM[i % ALNUM.length] : String(i + 1)));

  // Which classes may follow which; without morphotactics any affix may follow anything.
  const byClass = new Map<string, AllomorphGroup[]>();
  for (const g of d.groups) {
    const list = byClass.get(g.class);
    if (list) list.push(g);
    else byClass.set(g.class, [g]);
  }
  const succ = new Map<string, Set<string>>();
  const pred = new Map<string, Set<string>>();
  for (const [from, to] of d.morphotactics?.edges ?? []) {
    if (!succ.has(from)) succ.set(from, new Set());
    succ.get(from)!.add(to);
    if (!pred.has(to)) pred.set(to, new Set());
    pred.get(to)!.add(from);
  }
  const free = !d.morphotactics;
  const groupsIn = (classes: Set<string> | undefined, kind: AllomorphGroup['kind']): AllomorphGroup[] => {
    if (free) return d.groups.filter((g) => g.kind === kind);
    const out: AllomorphGroup[] = [];
    for (const c of classes ?? []) for (const g of byClass.get(c) ?? []) if (g.kind === kind) out.push(g);
    return out;
  };

  // Flag sets become AF aliases, numbered in order of first use.
  const aliasOf = new Map<string, number>();
  const aliasList: string[] = [];
  const alias = (groups: AllomorphGroup[]): string => {
    if (groups.length === 0) return '';
    const flags = [...new Set(groups.map((g) => flagOf.get(g)!))].sort();
    const text = useLong ? flags.join('') : flags.join(',');
    let n = aliasOf.get(text);
    if (n === undefined) {
      aliasList.push(text);
      n = aliasList.length;
      aliasOf.set(text, n);
    }
    return `/${n}`;
  };
  const escape = (s: string): string => s.replaceAll('/', '\\/');

  const blocks: string[] = [];
  for (const g of d.groups) {
    checkField('group name', g.name);
    const flag = flagOf.get(g)!;
    // A later prefix is applied outside an earlier one: a prefix continues with the prefixes before it.
    const next = g.kind === 'suffix' ? groupsIn(succ.get(g.class), 'suffix') : groupsIn(pred.get(g.class), 'prefix');
    const cont = alias(next);
    const type = g.kind === 'suffix' ? 'SFX' : 'PFX';
    const about = `${g.name} (${g.class})${g.gloss ? `: ${g.gloss.replace(/\s+/g, ' ')}` : ''}`;
    const lines = [`${type} ${flag} Y ${g.variants.length} # ${about}`];
    for (const v of g.variants) {
      checkField('affix variant', v);
      lines.push(`${type} ${flag} 0 ${escape(v)}${cont} .`);
    }
    blocks.push(lines.join('\n'));
  }

  const dicLines = [String(d.roots.length)];
  for (const r of d.roots) {
    checkField('root', r.surface);
    checkField('pos', r.pos);
    const flags = alias([...groupsIn(succ.get(r.pos), 'suffix'), ...groupsIn(pred.get(r.pos), 'prefix')]);
    dicLines.push(`${escape(r.surface)}${flags}\tpo:${r.pos}`);
  }

  const header = [
    `# Written by Tokenizer Studio from the dictionary ${JSON.stringify(d.name).replace(/\s+/g, ' ')}`,
    'SET UTF-8',
    `LANG ${d.language.replaceAll('-', '_')}`,
    `FLAG ${useLong ? 'long' : 'num'}`,
  ];
  if (aliasList.length > 0) header.push('', `AF ${aliasList.length}`, ...aliasList.map((a, i) => `AF ${a} # ${i + 1}`));
  const aff = [header.join('\n'), ...blocks].join('\n\n') + '\n';

  const lost: string[] = [];
  const alternants = d.roots.reduce((n, r) => n + (r.alternants?.length ?? 0), 0);
  if (alternants > 0) lost.push(`${alternants} root alternants (Hunspell has no alternant stems)`);
  const rules = d.groups.reduce((n, g) => n + (g.rules?.length ?? 0), 0);
  if (rules > 0) lost.push(`${rules} allomorph rules (every variant is written with condition ".")`);
  if (Object.keys(d.charClasses).length > 0) lost.push('the character classes');
  const glosses = d.roots.filter((r) => r.gloss).length;
  if (glosses > 0) lost.push(`${glosses} root glosses`);
  if (d.morphotactics?.edges.some(([, to]) => to === '$')) lost.push('edges to "$" (Hunspell lets a word end after any affix)');
  const flags: Record<string, string> = {};
  for (const [g, f] of flagOf) flags[g.name] = f;
  return { aff, dic: dicLines.join('\n') + '\n', flags, lost };
}

/** Writes `<base>.aff` and `<base>.dic`. */
export function writeHunspell(basePath: string, d: Dictionary): HunspellExport {
  const out = exportHunspell(d);
  writeFileSync(`${basePath}.aff`, out.aff);
  writeFileSync(`${basePath}.dic`, out.dic);
  return out;
}
