import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Characters that show nothing on their own: white space, format characters (zero-width space,
 * joiners, word joiner, byte-order mark, soft hyphen, bidi marks…), controls, variation selectors,
 * the combining grapheme joiner, Hangul fillers and the blank Braille pattern.
 */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Cf}\p{Cc}\u034F\u115F\u1160\u3164\uFFA0\u2800\u180E\uFE00-\uFE0F]*$/u;

/** Whether a text shows something: not empty, not only spaces or invisible characters. */
export const isVisibleText = (value: string): boolean => !INVISIBLE_ONLY.test(value);

/**
 * class-validator's IsNotEmpty, and for strings more: a text of only spaces or invisible characters
 * (U+200B–U+200D, U+2060, U+FEFF, …) is blank, and refused naming the field.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => (typeof value === 'string' ? isVisibleText(value) : value !== '' && value !== null && value !== undefined),
        defaultMessage: (args) => `${args?.property ?? 'value'} must not be blank (empty, spaces or invisible characters only)`,
      },
    },
    options,
  );
}
