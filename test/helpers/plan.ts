/** A node of PostgreSQL's EXPLAIN (FORMAT JSON) plan, as the plan tests read it. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}

/** A plan's nodes, the node itself first. */
export const knopen = (p: PlanNode): PlanNode[] => [p, ...(p.Plans ?? []).flatMap(knopen)];
