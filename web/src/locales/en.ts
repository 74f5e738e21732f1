// English messages: the reference set. Every other language must have exactly these keys (see Messages).

const en = {
  app: {
    name: 'Palermo',
    tagline:
      'Treaty registry — United Nations Convention against Transnational Organized Crime and its Protocols',
    skipToContent: 'Skip to main content',
    documentTitle: '{{instrument}} — status as at {{date}} — Palermo',
    footer:
      'Sources: United Nations Treaty Collection, Multilateral Treaties Deposited with the Secretary-General, chapter XVIII.',
  },
  nav: {
    label: 'Main',
    status: 'Treaty status',
  },
  language: {
    label: 'Language',
    en: 'English',
    fr: 'Français',
  },
  common: {
    loading: 'Loading…',
    notApplicable: 'none',
    between: 'between {{earliest}} and {{latest}}',
    onOrAfter: 'on or after {{date}}',
    onOrBefore: 'on or before {{date}}',
    unknownDate: 'date unknown',
    explanation: 'Explanation',
    sourceLanguageNote: 'Explanations are given in English.',
  },
  controls: {
    heading: 'View',
    instrument: 'Instrument',
    asOf: 'As at',
    asOfHint: 'The status is computed as it stood on this date.',
    today: 'Today',
    invalidDate: 'Enter a complete date.',
  },
  instruments: {
    UNTOC: {
      short: 'Organized Crime Convention',
      title: 'United Nations Convention against Transnational Organized Crime',
    },
    TIP: {
      short: 'Trafficking in Persons Protocol',
      title:
        'Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime',
    },
    SOM: {
      short: 'Smuggling of Migrants Protocol',
      title:
        'Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime',
    },
    FIREARMS: {
      short: 'Firearms Protocol',
      title:
        'Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime',
    },
    adopted: 'Adopted on {{date}}',
    reference: 'UN Treaty Collection reference {{ref}}',
  },
  status: {
    lead: 'Status as at {{date}}',
    inForce: {
      yes: 'In force',
      no: 'Not in force',
      uncertain: 'Entry into force uncertain on this date',
    },
  },
  eif: {
    heading: 'Entry into force',
    date: 'Date of entry into force',
    notReached: 'Not reached: {{threshold}} instruments are needed.',
    rule: 'Enters into force {{days}} days after the deposit of the instrument that reaches the threshold of {{threshold}}.',
  },
  counts: {
    heading: 'Counts',
    signatories: 'Signatories',
    contractingParties: 'Contracting parties',
    partiesInForce: 'Parties (in force)',
    pendingEntryIntoForce: 'Pending entry into force',
    uncertain: 'Uncertain',
    withdrawn: 'Withdrawn',
  },
  table: {
    heading: 'Participants',
    caption: '{{instrument}}: participants as at {{date}}',
    filter: 'Filter participants',
    filterHint: 'By name, code, region, group or state.',
    shown_one: 'Showing {{count, number}} of {{total, number}} participants',
    shown_other: 'Showing {{count, number}} of {{total, number}} participants',
    noMatch: 'No participant matches “{{query}}”.',
    empty: 'No participant had signed or consented to be bound on this date.',
    download: 'Download CSV',
    downloadDescription: 'the table as at {{date}}, all participants',
    columns: {
      participant: 'Participant',
      region: 'Region',
      unGroup: 'UN regional group',
      state: 'State',
      signature: 'Signature',
      consent: 'Consent to be bound',
      eif: 'Entry into force for the party',
    },
    regionalOrganization: 'Regional economic integration organization',
    denunciationEffective: 'Denunciation takes effect {{date}}',
    legendHeading: 'Markers',
    legend:
      'Following the UN Treaty Collection: no marker = ratification; A = acceptance; AA = approval; a = accession; d = succession; c = formal confirmation.',
  },
  participantState: {
    none: 'No action',
    signatory: 'Signatory',
    party_pending: 'Party (not yet in force)',
    party: 'Party',
    uncertain: 'Uncertain',
    withdrawn: 'Withdrawn',
  },
  consentKind: {
    ratification: 'ratification',
    acceptance: 'acceptance',
    approval: 'approval',
    accession: 'accession',
    succession: 'succession',
    formal_confirmation: 'formal confirmation',
  },
  regions: {
    Africa: 'Africa',
    Americas: 'Americas',
    Asia: 'Asia',
    Europe: 'Europe',
    Oceania: 'Oceania',
  },
  unGroups: {
    African: 'African',
    'Asia-Pacific': 'Asia-Pacific',
    'Eastern European': 'Eastern European',
    'Latin American and Caribbean': 'Latin American and Caribbean',
    'Western European and Others': 'Western European and Others',
  },
  problem: {
    heading: 'The request failed',
    network: 'The server could not be reached. Check your connection and try again.',
    retry: 'Try again',
  },
};

export default en;

/** The shape every language must provide: the same keys as English, each a string. */
export type Messages = { [K in keyof typeof en]: Shape<(typeof en)[K]> };
type Shape<T> = T extends string ? string : { [K in keyof T]: Shape<T[K]> };
