/**
 * `--format json|table` on the commands that print lists. Not a program-wide option: `report` and
 * `export` have a `--format` of their own, and commander lets a program option be given after the
 * command's name, where it would take theirs.
 */
import { Option, type Command } from 'commander';
import { OUTPUT_FORMATS } from './output';

export function addFormatOption(command: Command): Command {
  return command.addOption(
    new Option(
      '--format <format>',
      'json: one JSON object per line; table: aligned columns (default: table on a terminal, json otherwise)',
    ).choices(OUTPUT_FORMATS),
  );
}

/** Whether `command` prints a list that may be a table (it has the option above). */
export function hasFormatOption(command: Command): boolean {
  return command.options.some((option) => option.long === '--format' && option.argChoices?.includes('table') === true);
}
