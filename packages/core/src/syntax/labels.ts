/**
 * The roles a token is read in (chevrotain LABELs): to-ast.ts asks the parse tree for these names,
 * shapes.ts lists them per rule. One options object per label, made once: grammar.ts passes them
 * for every token of every policy.
 */
import type { ConsumeMethodOpts } from 'chevrotain';

const label = (LABEL: string): ConsumeMethodOpts => ({ LABEL });
export const NAME = label('name');
export const TITLE = label('title');
export const TEXT = label('text');
export const DATE = label('date');
export const UNIT = label('unit');
export const MEMBER = label('member');
export const AS_OF = label('asOf');
export const BECAUSE = label('because');
export const BINDER = label('binder');
export const CITATION = label('citation');
export const DESCRIPTION = label('description');
export const ENUM_NAME = label('enumName');
export const FIELD = label('field');
export const FROM_DATE = label('fromDate');
export const PATH = label('path');
export const UNTIL_DATE = label('untilDate');
export const VARIANT = label('variant');
export const VERSION = label('version');
export const PERIOD = label('period');
export const DATE_PART = label('datePart');
