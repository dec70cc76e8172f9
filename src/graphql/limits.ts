import { GraphQLError, Kind, type ASTVisitor, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Refuses documents nested deeper than `max` field levels (fragments followed). */
export function depthLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const depth = (set: SelectionSetNode | undefined, level: number, seen: Set<string>): number => {
      if (!set) return level;
      let deepest = level;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, depth(s.selectionSet, level + 1, seen));
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depth(s.selectionSet, level, seen));
        } else {
          const f = fragments.get(s.name.value);
          if (f && !seen.has(f.name.value)) deepest = Math.max(deepest, depth(f.selectionSet, level, new Set([...seen, f.name.value])));
        }
        if (deepest > max) return deepest;
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const d = depth(node.selectionSet, 0, new Set());
        if (d > max) {
          ctx.reportError(new GraphQLError(`De query is ${d} niveaus diep; hoogstens ${max} toegestaan`, { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } }));
        }
      },
    };
  };
}

/** Refuses documents with more than `max` aliases (alias-based amplification). */
export function aliasLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      Field(node) {
        if (node.alias) count += 1;
      },
      Document: {
        leave(node) {
          if (count > max) {
            ctx.reportError(new GraphQLError(`De query gebruikt ${count} aliassen; hoogstens ${max} toegestaan`, { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX' } }));
          }
        },
      },
    };
  };
}

/** Bounds of a document checked before validation. */
export interface DocumentLimits {
  maxSelections: number;
  maxDirectives: number;
}

/** Why a document was refused before validation: which limit, what was found (never the text). */
export interface DocumentProblem {
  limit: 'selections' | 'directives' | 'fragmentCycle';
  found: number;
  message: string;
}

interface Tally {
  selections: number;
  directives: number;
  spreads: Map<string, number>;
}

function tally(set: SelectionSetNode, t: Tally): void {
  for (const s of set.selections) {
    t.selections += 1;
    t.directives += s.directives?.length ?? 0;
    if (s.kind === Kind.FRAGMENT_SPREAD) t.spreads.set(s.name.value, (t.spreads.get(s.name.value) ?? 0) + 1);
    else if (s.selectionSet) tally(s.selectionSet, t);
  }
}

/**
 * Counts the selections and directives of a document with every fragment counted each time it is
 * spread (memoised, so fan-out costs nothing to count), and finds fragment cycles. Linear in the
 * document. Runs before the standard validation rules: those run in one visitor, and one of them
 * (overlapping fields) costs time quadratic in the number of selections, so a rule beside them
 * would come too late.
 */
export function documentProblem(doc: DocumentNode, limits: DocumentLimits): DocumentProblem | undefined {
  const fragments = new Map<string, Tally>();
  const operations: Tally[] = [];
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const t: Tally = { selections: 0, directives: d.directives?.length ?? 0, spreads: new Map() };
    tally(d.selectionSet, t);
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, t);
    else operations.push(t);
  }
  const cap = Number.MAX_SAFE_INTEGER;
  const expanded = new Map<string, { selections: number; directives: number }>();
  const onPath = new Set<string>();
  let cycle: string | undefined;
  const expand = (t: Tally): { selections: number; directives: number } => {
    let selections = t.selections;
    let directives = t.directives;
    for (const [name, times] of t.spreads) {
      const f = fragments.get(name);
      if (!f) continue; // an unknown fragment: the standard rules name it
      if (onPath.has(name)) {
        cycle ??= name;
        continue;
      }
      let e = expanded.get(name);
      if (!e) {
        onPath.add(name);
        e = expand(f);
        onPath.delete(name);
        expanded.set(name, e);
      }
      selections = Math.min(cap, selections + times * e.selections);
      directives = Math.min(cap, directives + times * e.directives);
    }
    return { selections, directives };
  };
  let selections = 0;
  let directives = 0;
  const add = (e: { selections: number; directives: number }) => {
    selections = Math.min(cap, selections + e.selections);
    directives = Math.min(cap, directives + e.directives);
  };
  for (const op of operations) add(expand(op));
  // Fragment definitions are validated on their own too, spread or not.
  for (const f of fragments.values()) add({ selections: f.selections, directives: f.directives });
  for (const f of fragments.values()) expand(f);
  if (cycle !== undefined) return { limit: 'fragmentCycle', found: 1, message: `Fragment "${cycle}" verwijst naar zichzelf` };
  if (selections > limits.maxSelections) {
    return { limit: 'selections', found: selections, message: `De query heeft ${selections} selecties; hoogstens ${limits.maxSelections} toegestaan` };
  }
  if (directives > limits.maxDirectives) {
    return { limit: 'directives', found: directives, message: `De query heeft ${directives} directives; hoogstens ${limits.maxDirectives} toegestaan` };
  }
  return undefined;
}
