// Define a new instrument (any "N instruments + D days" treaty) without a code change.
import { audit } from '../../audit/audit-log.ts';
import type { ServiceContext } from '../../context.ts';
import { DomainError } from '../../common/errors.ts';
import type { DefineInstrumentInput } from '../contract.ts';
import { bumpVersion, findInstrument, insertInstrument, type Instrument } from '../repository.ts';

export async function defineInstrument(
  ctx: ServiceContext,
  input: DefineInstrumentInput,
): Promise<Instrument> {
  const instrument: Instrument = {
    id: input.id,
    mtdsgNo: input.mtdsgNo ?? null,
    title: input.title,
    shortTitle: input.shortTitle,
    adoptedOn: input.adoptedOn,
    adoptionResolution: input.adoptionResolution ?? null,
    // Without an explicit mode, a first day of signature means the instrument is open from that day.
    signature: input.signature ?? (input.signatureOpensOn ? 'open' : 'none'),
    signatureOpensOn: input.signatureOpensOn ?? null,
    signatureClosesOn: input.signatureClosesOn ?? null,
    threshold: input.threshold,
    eifDays: input.eifDays,
    laterDays: input.laterDays,
    laterRule: input.laterRule,
    reioCounted: input.reioCounted,
    parentId: input.parentId ?? null,
    denunciationMonths: input.denunciationMonths,
    eifArticle: input.eifArticle,
    laterArticle: input.laterArticle,
    signatureArticle: input.signatureArticle,
    denunciationArticle: input.denunciationArticle,
    cascadeArticle: input.cascadeArticle ?? null,
    parentRequirementArticle: input.parentRequirementArticle ?? null,
    officialEifOn: input.officialEifOn ?? null,
    source: input.source,
  };
  if (instrument.adoptedOn > ctx.clock.today()) {
    throw new DomainError('validation', `adoptedOn ${instrument.adoptedOn} is in the future`, {
      field: 'adoptedOn',
    });
  }
  if (instrument.signatureOpensOn && instrument.signatureOpensOn < instrument.adoptedOn) {
    throw new DomainError('validation', 'signature cannot open before adoption', {
      field: 'signatureOpensOn',
    });
  }
  await ctx.store.db.transaction().execute(async (trx) => {
    if (await findInstrument(trx, instrument.id)) {
      throw new DomainError('conflict', `instrument "${instrument.id}" already exists`, { field: 'id' });
    }
    if (instrument.parentId) {
      const parent = await findInstrument(trx, instrument.parentId);
      if (!parent)
        throw new DomainError('not_found', `parent instrument "${instrument.parentId}" does not exist`, {
          field: 'parentId',
        });
      if (parent.parentId) {
        throw new DomainError(
          'validation',
          `"${parent.id}" is itself a protocol; a protocol's parent must be a convention`,
          {
            field: 'parentId',
          },
        );
      }
    }
    await insertInstrument(trx, instrument, ctx.clock.now());
    await audit(ctx, trx, {
      action: 'instrument.define',
      entity: 'instrument',
      entityId: instrument.id,
      after: instrument,
    });
    await bumpVersion(trx);
  });
  ctx.registry.invalidate();
  return instrument;
}
