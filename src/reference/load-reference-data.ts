// Loads the real, cited reference data shipped in `reference/` (copied from the project's shared data with
// its provenance, reference/SOURCES.md) into an empty database: participants and their development class,
// the four instruments and the four participant tables (UNTC, as of 2014-07-10). It runs in one transaction
// at first start: either everything is loaded or nothing is. The later events, and whatever a data release
// adds, come next through the reference-data updates (reference-updates.ts), the path by which a database
// loaded before gains them too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { audit } from '../audit/audit-log.ts';
import type { ServiceContext } from '../context.ts';
import { REFERENCE_DIR, readReference } from '../common/reference-files.ts';
import {
  countParticipants,
  insertDevelopmentClasses,
  insertInstrument,
  insertParticipants,
  listInstruments,
  type DevelopmentClass,
  type Instrument,
  type Participant,
} from '../treaties/repository.ts';
import { importCandidates, participantTableCandidates } from '../treaties/services/import-csv.ts';

export { REFERENCE_DIR, readReference };

type Row = Record<string, string>;

function readCsv(name: string): Row[] {
  return parse(readFileSync(join(REFERENCE_DIR, name), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
}


const nil = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);
const yes = (v: string | undefined): boolean => v === 'true' || v === 'yes';

export function referenceParticipants(): { participants: Participant[]; classes: DevelopmentClass[] } {
  const participants: Participant[] = [];
  const classes: DevelopmentClass[] = [];
  for (const r of readCsv('countries.csv')) {
    const id = r.iso3 as string;
    const reio = id === 'EUU';
    participants.push({
      id,
      name: r.name as string,
      kind: reio ? 'reio' : 'state',
      iso3: reio ? null : id,
      m49: nil(r.m49),
      region: nil(r.region),
      subregion: nil(r.subregion),
      intermediateRegion: nil(r.intermediate_region),
      unGroup: nil(r.un_group),
      unMember: yes(r.un_member),
      ldc: yes(r.ldc),
      lldc: yes(r.lldc),
      sids: yes(r.sids),
      notes: nil(r.notes),
      source: r.source as string,
    });
    const wesp = nil(r.wesp_class);
    const fallback = nil(r.m49_dev_status_2020);
    // The class is kept with validity dates because it changes over time; the shipped grouping is the
    // ~2020 WESP one with no start date known, so it is open-ended (reference/SOURCES.md, "Time caveat").
    if (wesp === 'developed' || wesp === 'transition' || wesp === 'developing') {
      classes.push({
        participantId: id,
        class: wesp,
        validFrom: null,
        validTo: null,
        basis: 'WESP country classification (~2020 grouping)',
        source: 'reference/countries.csv, column wesp_class (see reference/SOURCES.md)',
      });
    } else if (fallback === 'Developed' || fallback === 'Developing') {
      classes.push({
        participantId: id,
        class: fallback === 'Developed' ? 'developed' : 'developing',
        validFrom: null,
        validTo: null,
        basis: 'M49 developed/developing regions (2020), fallback where WESP gives no class',
        source: 'reference/countries.csv, column m49_dev_status_2020 (see reference/SOURCES.md)',
      });
    }
  }
  return { participants, classes };
}

/**
 * Articles cited in explanations, from the treaty texts (reference/FINAL-CLAUSES.md): signature,
 * entry into force (1) and (2), denunciation; UNTOC 37(2) requires Protocol parties to be Convention
 * parties and 40(3) makes denouncing the Convention denounce its Protocols.
 */
const ARTICLES: Record<string, Pick<Instrument, 'signatureArticle' | 'eifArticle' | 'laterArticle' | 'denunciationArticle' | 'cascadeArticle' | 'parentRequirementArticle' | 'shortTitle'>> = {
  UNTOC: {
    shortTitle: 'UNTOC',
    signatureArticle: '36(1)',
    eifArticle: '38(1)',
    laterArticle: '38(2)',
    denunciationArticle: '40(1)',
    cascadeArticle: '40(3)',
    parentRequirementArticle: null,
  },
  TIP: {
    shortTitle: 'the Trafficking in Persons Protocol',
    signatureArticle: '16(1)',
    eifArticle: '17(1)',
    laterArticle: '17(2)',
    denunciationArticle: '19(1)',
    cascadeArticle: null,
    parentRequirementArticle: '37(2)',
  },
  SOM: {
    shortTitle: 'the Smuggling of Migrants Protocol',
    signatureArticle: '21(1)',
    eifArticle: '22(1)',
    laterArticle: '22(2)',
    denunciationArticle: '24(1)',
    cascadeArticle: null,
    parentRequirementArticle: '37(2)',
  },
  FIREARMS: {
    shortTitle: 'the Firearms Protocol',
    signatureArticle: '17(1)',
    eifArticle: '18(1)',
    laterArticle: '18(2)',
    denunciationArticle: '20(1)',
    cascadeArticle: null,
    parentRequirementArticle: '37(2)',
  },
};

export function referenceInstruments(): Instrument[] {
  return readCsv('instruments.csv').map((r) => {
    const id = r.id as string;
    const articles = ARTICLES[id];
    if (!articles) throw new Error(`reference/instruments.csv: no article table for ${id}`);
    return {
      id,
      mtdsgNo: nil(r.mtdsg_no),
      title: r.title as string,
      adoptedOn: r.adopted as string,
      adoptionResolution: nil(r.adoption_resolution),
      signature: nil(r.opened_for_signature) === null ? 'none' : 'open',
      signatureOpensOn: nil(r.opened_for_signature),
      signatureClosesOn: nil(r.signature_closes),
      threshold: Number(r.threshold),
      eifDays: Number(r.eif_days),
      laterDays: Number(r.later_days),
      laterRule: (r.later_rule ?? '').startsWith('later of') ? 'later_of' : 'plus_days',
      reioCounted: r.reio_counted === 'yes',
      parentId: nil(r.requires_party_to),
      denunciationMonths: 12,
      officialEifOn: nil(r.official_eif),
      source: r.source as string,
      ...articles,
    };
  });
}

/** The official party counts and their date, per instrument (reference/instruments.csv). */
export function officialPartyCounts(): Record<string, { parties: number; asOf: string }> {
  return Object.fromEntries(
    readCsv('instruments.csv').map((r) => [r.id, { parties: Number(r.parties_official), asOf: r.parties_official_as_of as string }]),
  );
}

const TABLES: Array<[string, string]> = [
  ['UNTOC', 'participants-untoc.csv'],
  ['TIP', 'participants-tip.csv'],
  ['SOM', 'participants-som.csv'],
  ['FIREARMS', 'participants-firearms.csv'],
];

/** The participant tables are the UNTC status as of this day; later events come from the updates file. */
export const SNAPSHOT_DATE = '2014-07-10';

export async function loadReferenceDataIfEmpty(ctx: ServiceContext): Promise<{ loaded: boolean; actions: number }> {
  if ((await countParticipants(ctx.store.db)) > 0) return { loaded: false, actions: 0 };
  const { participants, classes } = referenceParticipants();
  const instruments = referenceInstruments();
  let actions = 0;
  await ctx.store.db.transaction().execute(async (trx) => {
    if ((await listInstruments(trx)).length > 0) return;
    await insertParticipants(trx, participants);
    await insertDevelopmentClasses(trx, classes);
    for (const i of instruments) await insertInstrument(trx, i, `${i.adoptedOn}T00:00:00.000Z`);
    await audit(ctx, trx, {
      action: 'reference.load',
      entity: 'reference-data',
      entityId: null,
      after: { participants: participants.length, developmentClasses: classes.length, instruments: instruments.map((i) => i.id) },
    });
    for (const [instrumentId, file] of TABLES) {
      const result = await importCandidates(ctx, trx, participantTableCandidates(readReference(file), { instrumentId }));
      actions += result.recorded;
    }
  });
  ctx.registry.invalidate();
  return { loaded: true, actions };
}
