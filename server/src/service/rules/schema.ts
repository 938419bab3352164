// schema/*: the schema a snapshot names cannot be used (the bundled one is then in use).
import { defineRules, type Report, type RuleContext } from './registry';

function check(ctx: RuleContext, report: Report): void {
  if (ctx.schemaProblem) report('schema/unreadable', ctx.schemaProblem.range, ctx.schemaProblem.message);
}

export const schemaRules = defineRules({
  family: 'schema',
  rules: [
    {
      id: 'schema/unreadable',
      contract: false,
      fixable: false,
      description: 'The schema in use cannot be read or is malformed (the bundled schema is used instead).',
    },
  ],
  check,
  // It reads the title, the fence lines and the schema's problem: no row or code line.
  unaffectedBy: ['row', 'code'],
});
