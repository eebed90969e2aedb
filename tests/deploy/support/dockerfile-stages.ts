import { DockerfileParser, type Instruction } from 'dockerfile-ast';

/** One build stage of a Dockerfile with what it inherits from the stage it starts from. */
export interface Stage {
  name: string;
  /** The image or stage after FROM. */
  from: string;
  /** This stage's instructions, then its ancestors' (nearest first). */
  instructions: Instruction[];
  /** Only this stage's own instructions. */
  own: Instruction[];
  /** The external image at the root of its FROM chain, ARG defaults expanded. */
  baseImage: string;
}

/** The stages of a Dockerfile, parsed with dockerfile-ast (the parser behind the Docker language server). */
export function dockerfileStages(text: string): Map<string, Stage> {
  const dockerfile = DockerfileParser.parse(text);
  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getName()) args.set(property.getName(), property.getValue() ?? '');
  }
  const expand = (value: string) => value.replace(/\$\{?(\w+)\}?/g, (_, name: string) => args.get(name) ?? '');
  const stages = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const words = argumentsOf(instruction).split(/\s+/);
      const from = expand(words[0]!);
      const name = words[2] ?? `stage-${stages.size}`;
      const parent = stages.get(from);
      current = { name, from, instructions: [], own: [], baseImage: parent ? parent.baseImage : from };
      stages.set(name, current);
      continue;
    }
    current?.own.push(instruction);
  }
  for (const stage of stages.values()) {
    const chain: Instruction[] = [];
    for (let s: Stage | undefined = stage; s; s = stages.get(s.from)) chain.push(...[...s.own].reverse());
    stage.instructions = chain;
  }
  return stages;
}

/** Everything after the keyword, flags included, continuation lines joined. */
export const argumentsOf = (instruction: Instruction): string =>
  instruction.getTextContent().slice(instruction.getInstruction().length).replace(/\\\r?\n/g, ' ').replace(/\s+/g, ' ').trim();

/** The effective value of the last `keyword` instruction a stage has (its own or inherited). */
export function effective(stage: Stage, keyword: string): string | undefined {
  const instruction = stage.instructions.find((i) => i.getKeyword() === keyword);
  return instruction && argumentsOf(instruction);
}
