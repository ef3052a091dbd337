/**
 * Stage 3 of the checker: each `example` is an input and an expected decision. Its `given` means
 * exactly what the same input written as JSON means, so it goes through the input validation
 * (values/validate.ts); only units, which JSON does not carry, are checked here.
 */
import type * as A from '../ast/nodes.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { DURATION_UNITS, type Type } from '../types/pol-types.ts';
import { validateValue, type EnumMembers } from '../values/validate.ts';
import * as E from './errors.ts';
import { exampleToJson, valueAtPath } from './example-value.ts';
import { NO_FACTS } from './narrowing.ts';
import { suggest } from './suggest.ts';
import type { SymbolTable } from './symbols.ts';
import { INPUT_SCOPE, type TypeChecker } from './typecheck.ts';

export function checkExamples(symbols: SymbolTable, typer: TypeChecker, out: Diagnostic[], used: Set<string>): A.ExampleDecl[] {
  const examples = symbols.declarations.filter((d): d is A.ExampleDecl => d.kind === 'example');
  const input = symbols.input;
  if (!input) return examples;
  const enums: EnumMembers = {
    has: (e, m) => symbols.enums.get(e)?.members.includes(m) ?? false,
    suggest: (e, m) => suggest(m, symbols.enums.get(e)?.members ?? [], true),
  };
  for (const ex of examples) {
    const { errors } = validateValue(input.type, exampleToJson(ex.given), enums);
    for (const err of errors) out.push(E.exampleInvalid(err, valueAtPath(ex.given, err.path)?.span ?? ex.given.span));
    unitsInExample(ex.given, input.type, out, used, symbols.unitNames);
    typer.decision(ex.expect, NO_FACTS, INPUT_SCOPE);
  }
  return examples;
}

/** A JSON number carries no unit, so a unit written in an example is checked here. */
function unitsInExample(v: A.Value, t: Type, out: Diagnostic[], used: Set<string>, names: ReadonlyMap<string, string>): void {
  const type = t.kind === 'optional' ? t.inner : t;
  if (v.kind === 'recordValue' && type.kind === 'record') {
    for (const f of v.fields) {
      const ft = type.fields.get(f.name.name);
      if (ft) unitsInExample(f.value, ft, out, used, names);
    }
  } else if (v.kind === 'listValue' && type.kind === 'list') {
    for (const item of v.items) unitsInExample(item, type.element, out, used, names);
  } else if (v.kind === 'number' && v.unit) {
    used.add(v.unit.name);
    const unit = DURATION_UNITS.get(v.unit.name) ?? names.get(v.unit.name) ?? v.unit.name;
    if (type.kind === 'number' && type.unit !== unit) out.push(E.exampleUnit(v, v.unit, type));
  }
}
