// The character codes the line scanners compare with, named once: `s.charCodeAt(i) === Char.Pipe`
// says what `=== 124` does not. An enum, so the bundler writes the number itself at each use
// (esbuild inlines enum members across modules): the names cost the hot loops nothing.
export enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  SingleQuote = 39,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Dash = 45,
  Dot = 46,
  Slash = 47,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  LessThan = 60,
  Equals = 61,
  GreaterThan = 62,
  Question = 63,
  UpperA = 65,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  Backtick = 96,
  LowerA = 97,
  LowerZ = 122,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
  /** The last ASCII code: above it, any other script's letters. */
  AsciiMax = 127,
  ByteOrderMark = 0xfeff,
}

/** `code | CASE_BIT` is an ASCII letter's lower case (so one range check reads both cases). */
export const CASE_BIT = 32;
