/**
 * A YAML input file's concrete syntax tree, checked for the shape rerate reads (issue 19, "text hygiene"): one
 * document, nested at most MAX_YAML_NESTING_LEVELS deep. The `yaml` package's lexer and parser build the tree without
 * recursion; its composer and `toJS` recurse once per level, and on a deep file (about 800 flow levels in a default
 * Node stack) end in "Maximum call stack size exceeded". So the parser is driven here one lexeme at a time and stopped
 * as soon as a second document opens or more collections are open than the bound, which refuses a file of 100,000
 * `[` within a millisecond; a walk of the finished tree, with its own stack, then checks the depth exactly.
 */
import { Lexer, Parser, type CST } from 'yaml';

/**
 * Collections inside collections, the outermost counting 1. The deepest file rerate ships (data/coverage/IREN.yaml)
 * nests 7; 64 leaves room for any hand-written file and stays far below where the composer's recursion overflows.
 */
export const MAX_YAML_NESTING_LEVELS = 64;

export interface YamlShapeProblem {
  /** UTF-16 offset of the offending token in the text. */
  offset: number;
  message: string;
}

const isCollection = (token: CST.Token): token is CST.BlockMap | CST.BlockSequence | CST.FlowCollection =>
  token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';

const tooDeepAt = (offset: number, depth: number): YamlShapeProblem => ({
  offset,
  message:
    `this collection is nested ${depth} levels deep; ` +
    `an input file nests at most ${MAX_YAML_NESTING_LEVELS} (lists and maps inside one another)`,
});

const secondDocumentAt = (offset: number): YamlShapeProblem => ({
  offset,
  message: 'a second YAML document starts here; an input file holds exactly one',
});

/**
 * The concrete syntax tree of `text` (top-level tokens: documents, comments, directives), or the first problem with
 * its shape. `onNewLine` is told each line start, as for the `yaml` Parser (a LineCounter's addNewLine).
 */
export function yamlSyntaxTree(
  text: string,
  onNewLine: (offset: number) => void,
): { tokens: CST.Token[] } | { problem: YamlShapeProblem } {
  const parser = new Parser(onNewLine);
  onNewLine(0); // as Parser.parse does before its first lexeme
  const tokens: CST.Token[] = [];
  let documents = 0;
  const early = (): YamlShapeProblem | undefined => {
    const open = parser.stack;
    if (open[0]?.type === 'document' && documents >= 1) return secondDocumentAt(open[0].offset);
    // The open tokens are one inside the other, so more open collections than the bound are too deep already.
    if (open.length <= MAX_YAML_NESTING_LEVELS) return undefined;
    const collections = open.filter(isCollection);
    const deepest = collections[MAX_YAML_NESTING_LEVELS];
    return deepest ? tooDeepAt(deepest.offset, MAX_YAML_NESTING_LEVELS + 1) : undefined;
  };
  const take = (token: CST.Token): YamlShapeProblem | undefined => {
    if (token.type !== 'document') {
      tokens.push(token);
      return undefined;
    }
    documents++;
    if (documents === 2) return secondDocumentAt(token.offset);
    tokens.push(token);
    return tooDeep(token);
  };
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      const problem = take(token);
      if (problem) return { problem };
    }
    const problem = early();
    if (problem) return { problem };
  }
  for (const token of parser.end()) {
    const problem = take(token);
    if (problem) return { problem };
  }
  return { tokens };
}

/** The first collection nested deeper than the bound in one document's tree, in source order. */
function tooDeep(document: CST.Document): YamlShapeProblem | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  if (document.value) stack.push({ token: document.value, depth: 1 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: CST.Token; depth: number };
    if (!isCollection(token)) continue;
    if (depth > MAX_YAML_NESTING_LEVELS) return tooDeepAt(token.offset, depth);
    // Pushed last to first, so the walk meets tokens in source order and reports the first offending one.
    for (let index = token.items.length - 1; index >= 0; index--) {
      const item = token.items[index] as CST.CollectionItem;
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
    }
  }
  return undefined;
}
