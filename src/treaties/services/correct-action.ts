// Correct a recorded action: nothing is deleted. The wrong entry stays in the history, linked to the
// correction that replaced or voided it, with who, when and why.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { CorrectActionInput } from '../contract.ts';
import { isConsent } from '../domain/types.ts';
import {
  bumpVersion,
  insertAction,
  insertCorrection,
  isCorrected,
  listActionRecords,
  listInstrumentParents,
  loadEffectiveActions,
  type ActionRecord,
} from '../repository.ts';
import { issueCorrigendum, type NotifiableAction } from '../../notifications/services/issue.ts';
import { correctedAction, notifiableAction } from './notify.ts';
import { validateAction } from './record-action.ts';

export async function correctAction(
  ctx: ServiceContext,
  actionId: number,
  input: CorrectActionInput,
): Promise<{ corrected: ActionRecord; replacement: ActionRecord | null }> {
  const replacementId = await ctx.store.db.transaction().execute(async (trx) => {
    const [original] = await listActionRecords(trx, { ids: [actionId] });
    if (!original)
      throw new DomainError('not_found', `action ${actionId} does not exist`, { field: 'actionId' });
    if (await isCorrected(trx, actionId)) {
      throw new DomainError(
        'conflict',
        `action ${actionId} has already been corrected; correct its replacement instead`,
        {
          field: 'actionId',
        },
      );
    }
    if (!input.replacement) {
      // Voiding a consent or signature that later actions of the same participant rest on would leave them
      // without ground (a Protocol consent without the Convention, a declaration without a party).
      const dependants = (await loadEffectiveActions(trx, { participantId: original.participantId })).filter(
        (a) => a.id !== actionId,
      );
      const leavesProtocolWithoutConvention =
        isConsent(original.kind) &&
        dependants.some((a) => isConsent(a.kind) && a.instrumentId !== original.instrumentId) &&
        !dependants.some((a) => isConsent(a.kind) && a.instrumentId === original.instrumentId);
      if (leavesProtocolWithoutConvention) {
        const instruments = await listInstrumentParents(trx);
        const children = new Set(
          instruments.filter((i) => i.parentId === original.instrumentId).map((i) => i.id),
        );
        if (dependants.some((a) => isConsent(a.kind) && children.has(a.instrumentId))) {
          throw new DomainError(
            'conflict',
            `voiding this consent would leave ${original.participantId} a party to a Protocol without the Convention; correct the Protocol consents first`,
            { field: 'actionId' },
          );
        }
      }
    }
    let newId: number | null = null;
    let replacement: NotifiableAction | null = null;
    if (input.replacement) {
      const { row, instrument, participant } = await validateAction(ctx, trx, input.replacement, {
        excludeActionId: actionId,
      });
      newId = await insertAction(trx, row);
      replacement = await notifiableAction(trx, newId, row, instrument, participant);
    }
    const correction = {
      actionId,
      replacementActionId: newId,
      reason: input.reason,
      correctedAt: ctx.clock.now(),
      correctedBy: ctx.actor,
    };
    await insertCorrection(trx, correction);
    await audit(ctx, trx, {
      action: newId === null ? 'action.void' : 'action.correct',
      entity: 'action',
      entityId: actionId,
      before: original,
      after: { ...correction, replacement: input.replacement ?? null },
      state: original.participantId,
    });
    // A corrigendum, in the correction's transaction; the notification of the original stays as issued.
    await issueCorrigendum(ctx, trx, {
      corrected: await correctedAction(trx, original),
      replacement,
      reason: input.reason,
    });
    await bumpVersion(trx);
    return newId;
  });
  ctx.registry.invalidate();
  const ids = replacementId === null ? [actionId] : [actionId, replacementId];
  const records = await listActionRecords(ctx.store.db, { ids });
  return {
    corrected: records.find((r) => r.id === actionId) as ActionRecord,
    replacement: records.find((r) => r.id === replacementId) ?? null,
  };
}
