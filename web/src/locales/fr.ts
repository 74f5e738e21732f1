// Messages en français. Le type Messages impose exactement les mêmes clés que l'anglais.
import type { Messages } from './en.ts';

const fr: Messages = {
  app: {
    name: 'Palermo',
    tagline:
      'Registre des traités — Convention des Nations Unies contre la criminalité transnationale organisée et ses Protocoles',
    skipToContent: 'Aller au contenu principal',
    documentTitle: '{{instrument}} — situation au {{date}} — Palermo',
    footer:
      'Sources : Collection des traités des Nations Unies, Traités multilatéraux déposés auprès du Secrétaire général, chapitre XVIII.',
  },
  nav: {
    label: 'Navigation principale',
    status: 'État des traités',
  },
  language: {
    label: 'Langue',
    en: 'English',
    fr: 'Français',
  },
  common: {
    loading: 'Chargement…',
    notApplicable: 'néant',
    between: 'entre le {{earliest}} et le {{latest}}',
    onOrAfter: 'le {{date}} ou après',
    onOrBefore: 'le {{date}} ou avant',
    unknownDate: 'date inconnue',
    explanation: 'Explication',
    sourceLanguageNote: 'Les explications sont données en anglais.',
  },
  controls: {
    heading: 'Affichage',
    instrument: 'Instrument',
    asOf: 'Situation au',
    asOfHint: 'La situation est calculée telle qu’elle était à cette date.',
    today: 'Aujourd’hui',
    invalidDate: 'Saisissez une date complète.',
  },
  instruments: {
    UNTOC: {
      short: 'Convention contre la criminalité organisée',
      title: 'Convention des Nations Unies contre la criminalité transnationale organisée',
    },
    TIP: {
      short: 'Protocole relatif à la traite des personnes',
      title:
        'Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée',
    },
    SOM: {
      short: 'Protocole relatif au trafic illicite de migrants',
      title:
        'Protocole contre le trafic illicite de migrants par terre, air et mer, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée',
    },
    FIREARMS: {
      short: 'Protocole relatif aux armes à feu',
      title:
        'Protocole contre la fabrication et le trafic illicites d’armes à feu, de leurs pièces, éléments et munitions, additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée',
    },
    adopted: 'Adopté le {{date}}',
    reference: 'Référence de la Collection des traités des Nations Unies : {{ref}}',
  },
  status: {
    lead: 'Situation au {{date}}',
    inForce: {
      yes: 'En vigueur',
      no: 'Pas en vigueur',
      uncertain: 'Entrée en vigueur incertaine à cette date',
    },
  },
  eif: {
    heading: 'Entrée en vigueur',
    date: 'Date d’entrée en vigueur',
    notReached: 'Non atteinte : {{threshold}} instruments sont nécessaires.',
    rule: 'Entre en vigueur {{days}} jours après le dépôt de l’instrument qui atteint le seuil de {{threshold}}.',
  },
  counts: {
    heading: 'Décompte',
    signatories: 'Signataires',
    contractingParties: 'Parties contractantes',
    partiesInForce: 'Parties (en vigueur)',
    pendingEntryIntoForce: 'Entrée en vigueur en attente',
    uncertain: 'Incertain',
    withdrawn: 'Retirés',
  },
  table: {
    heading: 'Participants',
    caption: '{{instrument}} : participants au {{date}}',
    filter: 'Filtrer les participants',
    filterHint: 'Par nom, code, région, groupe ou état.',
    shown_one: '{{count, number}} participant affiché sur {{total, number}}',
    shown_other: '{{count, number}} participants affichés sur {{total, number}}',
    noMatch: 'Aucun participant ne correspond à « {{query}} ».',
    empty: 'Aucun participant n’avait signé ni consenti à être lié à cette date.',
    download: 'Télécharger le CSV',
    downloadDescription: 'le tableau au {{date}}, tous les participants',
    columns: {
      participant: 'Participant',
      region: 'Région',
      unGroup: 'Groupe régional de l’ONU',
      state: 'État',
      signature: 'Signature',
      consent: 'Consentement à être lié',
      eif: 'Entrée en vigueur pour la partie',
    },
    regionalOrganization: 'Organisation régionale d’intégration économique',
    denunciationEffective: 'La dénonciation prend effet le {{date}}',
    legendHeading: 'Signes',
    legend:
      'Selon la Collection des traités des Nations Unies : sans signe = ratification ; A = acceptation ; AA = approbation ; a = adhésion ; d = succession ; c = confirmation formelle.',
  },
  participantState: {
    none: 'Aucune action',
    signatory: 'Signataire',
    party_pending: 'Partie (pas encore en vigueur)',
    party: 'Partie',
    uncertain: 'Incertain',
    withdrawn: 'Retiré',
  },
  consentKind: {
    ratification: 'ratification',
    acceptance: 'acceptation',
    approval: 'approbation',
    accession: 'adhésion',
    succession: 'succession',
    formal_confirmation: 'confirmation formelle',
  },
  regions: {
    Africa: 'Afrique',
    Americas: 'Amériques',
    Asia: 'Asie',
    Europe: 'Europe',
    Oceania: 'Océanie',
  },
  unGroups: {
    African: 'États d’Afrique',
    'Asia-Pacific': 'États d’Asie et du Pacifique',
    'Eastern European': 'États d’Europe orientale',
    'Latin American and Caribbean': 'États d’Amérique latine et des Caraïbes',
    'Western European and Others': 'États d’Europe occidentale et autres États',
  },
  problem: {
    heading: 'La requête a échoué',
    network: 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
    retry: 'Réessayer',
  },
};

export default fr;
