/** Blind review, as renderers see it: is it on, and what did the reviewer choose so far. */
import type { Ctx } from './plan';

export function isBlind(ctx: Ctx): boolean {
  return ctx.context.review?.blind === true;
}

/** The reviewer's choices (turn key → source_id); the page updates it as the reviewer chooses. */
export function choicesOf(ctx: Ctx): Record<string, string> {
  const review = ctx.context.review;
  if (!review) return {};
  return review.choices;
}
