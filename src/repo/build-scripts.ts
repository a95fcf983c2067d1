import { commandsOf, type Command } from './shell-commands.js';

/**
 * What a CI step really runs when it calls the repository's own build scripts: `make TARGET` runs the target's
 * recipe (and its prerequisites') from the Makefile and the files it includes; `./scripts/x.sh`, `bash x.sh` and
 * `sh x.sh` run the script's commands. Each command found so is added after the one that called it, with `via`
 * naming where it came from. Expansion is bounded in depth; a file that is not in the repository adds nothing.
 */
export function buildScriptExpander(
  read: (file: string) => Promise<string | undefined>,
): (commands: Command[]) => Promise<Command[]> {
  // One expander per repository: each Makefile is parsed, and each script read, once however many steps call it.
  const scripts = new Map<string, Promise<string | undefined>>();
  const readScript = (path: string) => {
    if (!scripts.has(path)) scripts.set(path, read(path));
    return scripts.get(path)!;
  };
  const makefiles = new Map<
    string,
    Map<string, { file: string; line: number; prerequisites: string[]; recipe: string[] }>
  >();
  const targetsOf = async (makefile: string) => {
    if (!makefiles.has(makefile)) makefiles.set(makefile, await parseMakefile(makefile, read));
    return makefiles.get(makefile)!;
  };

  const expand = async (list: Command[], depth: number): Promise<Command[]> => {
    const out: Command[] = [];
    for (const command of list) {
      out.push(command);
      if (depth >= 4) continue;
      if (command.program === 'make' || command.program === 'gmake') {
        const args = command.args;
        const flag = (names: string[]) => {
          const i = args.findIndex((a) => names.includes(a));
          return i >= 0 ? args[i + 1] : undefined;
        };
        const dir = flag(['-C', '--directory'])?.replace(/\/$/, '');
        const file = flag(['-f', '--file', '--makefile']) ?? 'Makefile';
        const makefile = dir ? `${dir}/${file}` : file;
        const targets = await targetsOf(makefile);
        const skipNext = new Set(['-C', '--directory', '-f', '--file', '--makefile', '-j', '-l', '-o', '-W', '-I']);
        const wanted: string[] = [];
        for (let i = 0; i < args.length; i++) {
          if (skipNext.has(args[i]!)) i++;
          else if (!args[i]!.startsWith('-') && !args[i]!.includes('=')) wanted.push(args[i]!);
        }
        if (wanted.length === 0 && targets.size > 0) wanted.push(targets.keys().next().value!);
        const seen = new Set<string>();
        const visit = async (target: string, level: number): Promise<void> => {
          const rule = targets.get(target);
          if (!rule || seen.has(target) || level > 4) return;
          seen.add(target);
          for (const prerequisite of rule.prerequisites) await visit(prerequisite, level + 1);
          const found = rule.recipe.flatMap((line) => commandsOf(line));
          const via = `${rule.file}:${rule.line} (make ${target})`;
          out.push(
            ...(await expand(
              found.map((c) => ({ ...c, via })),
              depth + 1,
            )),
          );
        };
        for (const target of wanted) await visit(target, 0);
        continue;
      }
      const script =
        command.path && /\.(sh|bash)$/.test(command.path)
          ? command.path
          : (command.program === 'bash' || command.program === 'sh') &&
              command.args[0] &&
              !command.args[0].startsWith('-')
            ? command.args[0]
            : undefined;
      if (script) {
        const path = script.replace(/^\.\//, '');
        const text = await readScript(path);
        if (text !== undefined)
          out.push(
            ...(await expand(
              commandsOf(text).map((c) => ({ ...c, via: path })),
              depth + 1,
            )),
          );
      }
    }
    return out;
  };
  return (commands) => expand(commands, 0);
}

/** A Makefile's explicit rules and their tab-indented recipes, `include`d files read too. */
async function parseMakefile(
  path: string,
  read: (file: string) => Promise<string | undefined>,
  depth = 0,
): Promise<Map<string, { file: string; line: number; prerequisites: string[]; recipe: string[] }>> {
  const rules = new Map<string, { file: string; line: number; prerequisites: string[]; recipe: string[] }>();
  const text = await read(path);
  if (text === undefined) return rules;
  const lines = text.split(/\r?\n/);
  let current: { file: string; line: number; prerequisites: string[]; recipe: string[] }[] = [];
  let continued = false;
  for (const [index, line] of lines.entries()) {
    if (continued || line.startsWith('\t')) {
      // A recipe line ending in a backslash goes on in the next line, whatever that line starts with.
      const recipe = continued ? line.replace(/^\t/, '') : line.slice(1).replace(/^[@+-]+/, '');
      for (const rule of current)
        if (continued) rule.recipe[rule.recipe.length - 1] += `\n${recipe}`;
        else rule.recipe.push(recipe);
      continued = /\\$/.test(line);
      continue;
    }
    const include = /^-?include\s+(.+)$/.exec(line);
    if (include && depth < 4) {
      for (const file of include[1]!.trim().split(/\s+/))
        for (const [name, rule] of await parseMakefile(file, read, depth + 1))
          if (!rules.has(name)) rules.set(name, rule);
      current = [];
      continue;
    }
    const rule = /^([^\s:=#][^:=#]*?)\s*::?(?!=)\s*([^=;#]*)(;.*)?$/.exec(line);
    if (rule && !line.trimStart().startsWith('#')) {
      current = rule[1]!
        .trim()
        .split(/\s+/)
        .filter((name) => !name.startsWith('.'))
        .map((name) => {
          const entry = {
            file: path,
            line: index + 1,
            prerequisites: rule[2]!.trim().split(/\s+/).filter(Boolean),
            recipe: [],
          };
          if (!rules.has(name)) rules.set(name, entry);
          return rules.get(name)!;
        });
    } else if (line.trim() !== '' && !line.trimStart().startsWith('#')) current = [];
  }
  return rules;
}
