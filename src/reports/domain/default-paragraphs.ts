// The prose a new report starts from, in English and French: one template a slot (input.ts), citing the
// figures of the catalogue by name, so a first draft already states the figures with their sources. The
// Secretariat rewrites it; a test checks every default against the catalogue, so none can fail at saving.
import type { ReportLocale } from './format.ts';
import type { ParagraphSlot } from './input.ts';

/** French puts a no-break space before ; : ! ? and inside guillemets (typed here as plain spaces). */
const frenchSpacing = (text: string): string =>
  text.replace(/ ([;:!?»])/g, '\u00A0$1').replace(/« /g, '«\u00A0');

const withFrenchSpacing = (
  slots: Readonly<Record<ParagraphSlot, string>>,
): Readonly<Record<ParagraphSlot, string>> =>
  Object.fromEntries(Object.entries(slots).map(([slot, text]) => [slot, frenchSpacing(text)])) as Record<
    ParagraphSlot,
    string
  >;

export const DEFAULT_PARAGRAPHS: Readonly<Record<ReportLocale, Readonly<Record<ParagraphSlot, string>>>> = {
  en: {
    summary:
      'The present report is submitted pursuant to General Assembly resolution 56/120. It covers the period from {{period.from}} to {{period.to}} and gives the status of the United Nations Convention against Transnational Organized Crime and the Protocols thereto as at {{asAt}}, when the Convention had {{parties UNTOC}} parties.',
    introduction:
      'In paragraph 5 of its resolution 56/120 of 19 December 2001, the General Assembly requested the Secretary-General to submit a report on the implementation of that resolution to the Commission on Crime Prevention and Criminal Justice.\n\nThe present report covers the period from {{period.from}} to {{period.to}}. Its figures are as at {{asAt}} and are drawn from the records of the Secretariat; the annex "Sources and method" lists the records behind each of them.',
    status:
      'As at {{asAt}}, the Convention had {{signatories UNTOC}} signatories and {{parties UNTOC}} parties. The Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, had {{parties TIP}} parties; the Protocol against the Smuggling of Migrants by Land, Sea and Air, {{parties SOM}}; and the Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, {{parties FIREARMS}}.\n\nDuring the period, {{newParties UNTOC | words}} States became parties to the Convention: {{newParties.names UNTOC}}.',
    promotion:
      'During the period, {{events.conferences | words}} regional ministerial conferences and {{events.seminars | words}} pre-ratification seminars were held, attended by {{events.statesAttending}} States. States made {{commitments.made}} commitments at those events, of which {{commitments.met}} were met during the period.',
    assistance:
      'During the period, the Secretariat received {{requests.received}} requests for technical assistance, of which {{requests.approved}} were approved and {{requests.declined}} declined. {{projects.active}} projects were under way and {{projects.completed}} were completed. As results of those projects, {{results.lawsAdopted}} laws were adopted and {{results.instrumentsDeposited}} instruments of ratification or accession were deposited.',
    resources:
      'During the period, contributions of {{fund.pledged}} were pledged and {{fund.paid}} paid to the United Nations Crime Prevention and Criminal Justice Fund by {{fund.donors}} donors; of the contributions paid, {{fund.earmarked}} were earmarked and {{fund.generalPurpose}} were for general purposes. Expenditure in the period was {{fund.expenditure}}, and the balance as at {{asAt}} was {{fund.balance}}.',
    conclusions:
      'The Commission may wish to invite States that have not yet done so to consider ratifying or acceding to the Convention and the Protocols thereto, and to consider making voluntary contributions to the United Nations Crime Prevention and Criminal Justice Fund.',
  },
  fr: withFrenchSpacing({
    summary:
      'Le présent rapport est soumis en application de la résolution 56/120 de l’Assemblée générale. Il porte sur la période du {{period.from}} au {{period.to}} et présente l’état de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant au {{asAt}}, date à laquelle la Convention comptait {{parties UNTOC}} parties.',
    introduction:
      'Au paragraphe 5 de sa résolution 56/120 du 19 décembre 2001, l’Assemblée générale a prié le Secrétaire général de présenter à la Commission pour la prévention du crime et la justice pénale un rapport sur l’application de cette résolution.\n\nLe présent rapport porte sur la période du {{period.from}} au {{period.to}}. Ses chiffres sont arrêtés au {{asAt}} et proviennent des registres du Secrétariat ; l’annexe « Sources et méthode » indique les enregistrements sur lesquels chacun repose.',
    status:
      'Au {{asAt}}, la Convention comptait {{signatories UNTOC}} signataires et {{parties UNTOC}} parties. Le Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants, comptait {{parties TIP}} parties ; le Protocole contre le trafic illicite de migrants par terre, air et mer, {{parties SOM}} ; et le Protocole contre la fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions, {{parties FIREARMS}}.\n\nAu cours de la période, {{newParties UNTOC}} États sont devenus parties à la Convention : {{newParties.names UNTOC}}.',
    promotion:
      'Au cours de la période, {{events.conferences}} conférences ministérielles régionales et {{events.seminars}} séminaires préalables à la ratification ont eu lieu, auxquels {{events.statesAttending}} États ont participé. Les États y ont pris {{commitments.made}} engagements, dont {{commitments.met}} ont été tenus au cours de la période.',
    assistance:
      'Au cours de la période, le Secrétariat a reçu {{requests.received}} demandes d’assistance technique, dont {{requests.approved}} ont été approuvées et {{requests.declined}} refusées. {{projects.active}} projets étaient en cours et {{projects.completed}} ont été achevés. Grâce à ces projets, {{results.lawsAdopted}} lois ont été adoptées et {{results.instrumentsDeposited}} instruments de ratification ou d’adhésion ont été déposés.',
    resources:
      'Au cours de la période, des contributions de {{fund.pledged}} ont été annoncées et de {{fund.paid}} versées au Fonds des Nations Unies pour la prévention du crime et la justice pénale par {{fund.donors}} donateurs ; sur les contributions versées, {{fund.earmarked}} étaient préaffectées et {{fund.generalPurpose}} destinées à des fins générales. Les dépenses de la période se sont élevées à {{fund.expenditure}} et le solde au {{asAt}} était de {{fund.balance}}.',
    conclusions:
      'La Commission voudra peut-être inviter les États qui ne l’ont pas encore fait à envisager de ratifier la Convention et les Protocoles s’y rapportant ou d’y adhérer, et à envisager de verser des contributions volontaires au Fonds des Nations Unies pour la prévention du crime et la justice pénale.',
  }),
};
