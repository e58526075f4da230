/**
 * `task-lens completion bash|zsh|fish`: a completion script generated from the program itself, so
 * it knows every command, option and known value (statuses, phases, formats) of this version.
 * Values of other options (names, ids, paths) fall back to the shell's file completion.
 *
 * zsh gets the bash script through `bashcompinit` (one generator, the same answers in both), so
 * it is sourced from ~/.zshrc rather than installed in $fpath.
 */
import { Argument, type Command, type Option } from 'commander';
import { UsageError } from './errors';
import { knownValuesOf } from './enumFlags';
import type { CliContext } from './context';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** What a shell needs to know about one command path (`""`, `download`, `download delivery`). */
interface PathFacts {
  readonly path: string;
  readonly description: string;
  readonly subcommands: readonly { readonly name: string; readonly description: string }[];
  readonly options: readonly OptionFacts[];
}

interface OptionFacts {
  readonly short?: string;
  readonly long?: string;
  readonly description: string;
  readonly takesValue: boolean;
  readonly values: readonly string[];
}

function optionFacts(option: Option): OptionFacts {
  return {
    short: option.short,
    long: option.long,
    description: firstSentence(option.description.replace(/ \([^()]*\)$/, (list) => (knownValuesOf(option) ? '' : list))),
    takesValue: option.required || option.optional,
    values: option.argChoices ?? knownValuesOf(option) ?? [],
  };
}

const HELP_OPTION: OptionFacts = { short: '-h', long: '--help', description: 'display help', takesValue: false, values: [] };

/** Every command path of the program, with the program's own options counted on each. */
export function commandPaths(program: Command): PathFacts[] {
  const globals = program.options.filter((o) => o.long !== '--version').map(optionFacts);
  const version = program.options.filter((o) => o.long === '--version').map(optionFacts);
  const paths: PathFacts[] = [];
  const visit = (command: Command, path: string): void => {
    const subcommands = command.commands.map((c) => ({ name: c.name(), description: firstSentence(c.description()) }));
    if (subcommands.length > 0) subcommands.push({ name: 'help', description: 'display help for a command' });
    const own = command === program ? [...version] : command.options.map(optionFacts);
    paths.push({ path, description: firstSentence(command.description()), subcommands, options: [...own, ...globals, HELP_OPTION] });
    for (const child of command.commands) visit(child, path ? `${path} ${child.name()}` : child.name());
  };
  visit(program, '');
  return paths;
}

export function completionScript(program: Command, shell: CompletionShell): string {
  const paths = commandPaths(program);
  return shell === 'fish' ? fishScript(paths) : shell === 'zsh' ? zshScript(paths) : bashScript(paths);
}

export function registerCompletionCommand(program: Command, context: CliContext): void {
  program
    .command('completion')
    .description('Print a shell completion script (bash, zsh or fish).')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      [
        '',
        'Install:',
        '  bash:  task-lens completion bash > ~/.local/share/bash-completion/completions/task-lens',
        '  zsh:   add  source <(task-lens completion zsh)  to ~/.zshrc, after compinit',
        '  fish:  task-lens completion fish > ~/.config/fish/completions/task-lens.fish',
      ].join('\n'),
    )
    .action((shell: string) => {
      if (!(COMPLETION_SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell “${shell}”.`);
      context.io.stdout.write(completionScript(program, shell as CompletionShell));
    });
}

// bash (and zsh through bashcompinit) ----------------------------------------------------------------

const words = (list: readonly (string | undefined)[]): string => list.filter((w): w is string => w !== undefined).join(' ');
const flagsOf = (o: OptionFacts): string[] => [o.short, o.long].filter((f): f is string => f !== undefined);

function bashCase(paths: readonly PathFacts[], body: (p: PathFacts) => string | undefined): string {
  return paths
    .map((p) => [p, body(p)] as const)
    .filter((entry): entry is readonly [PathFacts, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([p, text]) => `    ${shellQuote(p.path)}) echo ${shellQuote(text)} ;;`)
    .join('\n');
}

function bashScript(paths: readonly PathFacts[]): string {
  const values = paths
    .flatMap((p) =>
      p.options
        .filter((o) => o.values.length > 0)
        .flatMap((o) => flagsOf(o).map((flag) => `    ${shellQuote(`${p.path}|${flag}`)}) echo ${shellQuote(o.values.join(' '))} ;;`)),
    )
    .join('\n');
  return `# bash completion for task-lens (generated by \`task-lens completion bash\`)
_task_lens_subs() {
  case "$1" in
${bashCase(paths, (p) => p.subcommands.map((s) => s.name).join(' '))}
  esac
}
_task_lens_opts() {
  case "$1" in
${bashCase(paths, (p) => words(p.options.flatMap(flagsOf)))}
  esac
}
_task_lens_valued() {
  case "$1" in
${bashCase(paths, (p) => words(p.options.filter((o) => o.takesValue).flatMap(flagsOf)))}
  esac
}
_task_lens_values() {
  case "$1|$2" in
${values}
  esac
}
_task_lens() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local path="" i w skip=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      -*=*) continue ;;
      -*) [[ " $(_task_lens_valued "$path") " == *" $w "* ]] && skip=1; continue ;;
    esac
    [[ " $(_task_lens_subs "$path") " == *" $w "* ]] && path="\${path:+$path }$w"
  done
  COMPREPLY=()
  if [[ " $(_task_lens_valued "$path") " == *" $prev "* ]]; then
    local values
    values="$(_task_lens_values "$path" "$prev")"
    [[ -n "$values" ]] && COMPREPLY=($(compgen -W "$values" -- "$cur"))
    return 0
  fi
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_task_lens_opts "$path")" -- "$cur"))
    return 0
  fi
  local subs
  subs="$(_task_lens_subs "$path")"
  [[ -n "$subs" ]] && COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  return 0
}
complete -o default -F _task_lens task-lens
`;
}

/** Sourced from ~/.zshrc after compinit; zsh runs the bash function with 0-based arrays (ksharrays). */
function zshScript(paths: readonly PathFacts[]): string {
  const bash = bashScript(paths)
    .replace(/^# bash completion.*\n/, '')
    .replace('_task_lens() {\n', '_task_lens() {\n  setopt localoptions ksharrays\n');
  return `# zsh completion for task-lens (generated by \`task-lens completion zsh\`): the bash completion through bashcompinit.
# Load it from ~/.zshrc, after compinit:  source <(task-lens completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash}`;
}

// fish ---------------------------------------------------------------------------------------------

function fishScript(paths: readonly PathFacts[]): string {
  const lines: string[] = [
    '# fish completion for task-lens (generated by `task-lens completion fish`)',
    'function __task_lens_path',
    '    set -l tokens (commandline -opc)',
    '    set -l path ""',
    '    set -l skip 0',
    '    for w in $tokens[2..-1]',
    '        if test $skip -eq 1',
    '            set skip 0',
    '            continue',
    '        end',
    '        if string match -q -- "-*=*" $w',
    '            continue',
    '        end',
    '        if string match -q -- "-*" $w',
    '            contains -- $w (__task_lens_valued $path); and set skip 1',
    '            continue',
    '        end',
    '        if contains -- $w (__task_lens_subs $path)',
    '            set path (string trim -- "$path $w")',
    '        end',
    '    end',
    '    echo $path',
    'end',
    'function __task_lens_is',
    '    test (__task_lens_path) = "$argv[1]"',
    'end',
    fishSwitch('__task_lens_subs', paths, (p) => p.subcommands.map((s) => s.name)),
    fishSwitch('__task_lens_valued', paths, (p) => p.options.filter((o) => o.takesValue).flatMap(flagsOf)),
  ];
  for (const p of paths) {
    const condition = `-n '__task_lens_is "${p.path}"'`;
    // A command with subcommands takes no file.
    if (p.subcommands.length > 0) lines.push(`complete -c task-lens ${condition} -f`);
    for (const sub of p.subcommands) {
      lines.push(`complete -c task-lens ${condition} -f -a ${fishQuote(sub.name)} -d ${fishQuote(sub.description)}`);
    }
    for (const o of p.options) {
      const parts = ['complete -c task-lens', condition];
      if (o.short) parts.push(`-s ${o.short.slice(1)}`);
      if (o.long) parts.push(`-l ${o.long.slice(2)}`);
      if (o.takesValue) parts.push('-r');
      if (o.values.length > 0) parts.push(`-f -a ${fishQuote(o.values.join(' '))}`);
      parts.push(`-d ${fishQuote(o.description)}`);
      lines.push(parts.join(' '));
    }
  }
  return `${lines.join('\n')}\n`;
}

function fishSwitch(name: string, paths: readonly PathFacts[], list: (p: PathFacts) => readonly string[]): string {
  const cases = paths
    .map((p) => [p.path, list(p)] as const)
    .filter(([, items]) => items.length > 0)
    .map(([path, items]) => `        case ${fishQuote(path)}\n            printf '%s\\n' ${items.map(fishQuote).join(' ')}`);
  return [`function ${name}`, '    switch "$argv[1]"', ...cases, '    end', 'end'].join('\n');
}

/** Single-quoted for bash (a `'` inside: close, escape, reopen). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Single-quoted for fish, where `\\` and `\'` are the escapes inside single quotes. */
function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function firstSentence(text: string): string {
  const first = text.split(/(?<=\.)\s/)[0] ?? text;
  return first.replace(/\.$/, '').replace(/\s+/g, ' ');
}
