import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { fixtureSources, generatedPlan } from '../__testUtils__/fixtureSources';
import { parseObjectWithout } from './parseObjectWithout';

const OMIT = ['planned_values', 'prior_state'];

/** What parseObjectWithout must return: JSON.parse's result without the members. */
function expected(text: string, omit: readonly string[]): unknown {
  const value = JSON.parse(text);
  for (const key of omit) delete value[key];
  return value;
}

function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed without an error');
}

describe('parseObjectWithout', () => {
  it.each([
    ...fixtureSources('opentofu-show-json'),
    ...fixtureSources('original-tofui'),
  ])(
    'reads every plan of %s %s as JSON.parse does, less the members',
    (_source, dir) => {
      const texts = fs
        .readdirSync(dir)
        .filter(file => file.endsWith('.json'))
        .map(file => fs.readFileSync(path.join(dir, file), 'utf8'));
      let omitted = 0;
      for (const text of texts) {
        const value = parseObjectWithout(text, OMIT) as Record<string, unknown>;
        expect(value).toEqual(expected(text, OMIT));
        if (/"(planned_values|prior_state)"/.test(text)) omitted++;
      }
      expect(omitted).toBeGreaterThan(0);
    },
  );

  it('reads a generated plan, compact and indented, as JSON.parse does', () => {
    const text = generatedPlan('own', {
      resources: 200,
      seed: 3,
      secret: 'x-secret-x',
    });
    for (const form of [text, JSON.stringify(JSON.parse(text), null, 2)]) {
      const value = parseObjectWithout(form, OMIT) as Record<string, unknown>;
      expect(value.planned_values).toBeUndefined();
      expect(value.prior_state).toBeUndefined();
      expect(value).toEqual(expected(form, OMIT));
    }
  });

  it.each([
    [
      'a member of that name deeper down',
      '{"resource_changes":[{"prior_state":{"x":1}}],"prior_state":{"y":2}}',
    ],
    [
      'only deeper down, near the end of the text',
      '{"a":1,"b":[{"c":{"prior_state":["kept"]}}]}',
    ],
    [
      'only deeper down, near the start of the text',
      `{"b":{"prior_state":{"kept":true}},"padding":"${'x'.repeat(200)}"}`,
    ],
    [
      'the key inside a string',
      '{"s":"\\"prior_state\\": {","prior_state":[1]}',
    ],
    [
      'a string ending in a backslash before the key',
      '{"s":"C:\\\\","prior_state":{"a":"\\\\"},"t":"}"}',
    ],
    [
      'whitespace everywhere',
      ' {\n "prior_state" : [ 1 , { } ] ,\n "a" : 2 }\n',
    ],
    ['a value that is not an object or a list', '{"prior_state":null,"a":2}'],
    [
      'the member twice (the last one counts)',
      '{"prior_state":{},"prior_state":[2]}',
    ],
    ['no such member', '{"a":{"b":[1,2,"]"]}}'],
  ])('reads %s as JSON.parse does', (_case, text) => {
    expect(parseObjectWithout(text, ['prior_state'])).toEqual(
      expected(text, ['prior_state']),
    );
  });

  it('matches JSON.parse over generated objects holding the members at any depth', () => {
    const key = fc.constantFrom(
      'prior_state',
      'planned_values',
      'a',
      'b"c',
      'd\\',
    );
    const json = fc.letrec<{ node: unknown }>(tie => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(
        fc.dictionary(key, json, { maxKeys: 5 }),
        fc.constantFrom(undefined, 1, '\t'),
        (object, indent) => {
          const text = JSON.stringify(object, null, indent);
          expect(parseObjectWithout(text, OMIT)).toEqual(expected(text, OMIT));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['an error outside the members', '{"prior_state":{"a":1},"b":tru}'],
    ['a string left open in a member', '{"a":1,"prior_state":{"b":"open}'],
    ['a bracket left open in a member', '{"a":1,"prior_state":{"b":[1}'],
    ['not an object', '[1,2'],
  ])(
    'fails on %s with JSON.parse error, at its place in the file',
    (_case, text) => {
      expect(errorOf(() => parseObjectWithout(text, OMIT))).toBe(
        errorOf(() => JSON.parse(text)),
      );
    },
  );
});
