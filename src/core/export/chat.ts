/**
 * Turning a thread's messages into chat records ({role, content}) as TRL and hosted fine-tuning
 * read them: content is `content.text`, roles other than system, user and assistant are dropped.
 */
import type { Message, Thread } from '../scale/types';
import type { TurnPlan } from './preferred';
import type { Redactor } from '../secrets/redactor';

export type ChatRole = 'system' | 'user' | 'assistant';
export interface ChatMessage {
  readonly role: ChatRole;
  readonly content: string;
}

const CHAT_ROLES: ReadonlySet<string> = new Set<ChatRole>(['system', 'user', 'assistant']);

export function isChatRole(role: unknown): role is ChatRole {
  return typeof role === 'string' && CHAT_ROLES.has(role);
}

/** Collects the messages dropped for their role, once each, however many records repeat them. */
export class DroppedRoles {
  private readonly seen = new Set<Message>();
  note(message: Message): void {
    this.seen.add(message);
  }
  get count(): number {
    return this.seen.size;
  }
}

export function chatMessage(message: Message, redactor: Redactor): ChatMessage {
  const text = message.content?.text;
  return { role: message.role as ChatRole, content: redactor.text(typeof text === 'string' ? text : '') };
}

/** The messages a turn contributes as history: all but the candidates, and the preferred candidate in its place. */
export function historyOf(plan: TurnPlan, redactor: Redactor, dropped: DroppedRoles): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of plan.turn.messages ?? []) {
    if (!message) continue;
    if (plan.candidates.includes(message) && message !== plan.preferred) continue;
    if (!isChatRole(message.role)) {
      dropped.note(message);
      continue;
    }
    out.push(chatMessage(message, redactor));
  }
  return out;
}

/** The ranked turn's messages before its candidates: its system and user messages. */
export function promptPartOf(plan: TurnPlan, redactor: Redactor, dropped: DroppedRoles): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const message of plan.turn.messages ?? []) {
    if (!message || message.role === 'assistant') continue;
    if (!isChatRole(message.role)) {
      dropped.note(message);
      continue;
    }
    out.push(chatMessage(message, redactor));
  }
  return out;
}

export function hasAssistant(plans: readonly TurnPlan[]): boolean {
  return plans.some((p) => (p.turn.messages ?? []).some((m) => m?.role === 'assistant'));
}

export function threadsOf(task: { threads?: unknown }): Thread[] {
  return Array.isArray(task.threads) ? (task.threads as Thread[]).filter((t) => typeof t === 'object' && t !== null) : [];
}
