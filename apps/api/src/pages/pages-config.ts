/** The kommune the front page searches when none is chosen (SAGSSPOR_KOMMUNE): the embedded default serves one. */
export function defaultKommune(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env['SAGSSPOR_KOMMUNE']?.trim();
  return value ? value : undefined;
}
