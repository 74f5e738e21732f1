// The certificate of attendance of one participant, as PDF (Typst, Noto Sans, A4 landscape). It says who
// attended which event, where and when, and carries its reference and date of issue.
import { assertIsoDate, type IsoDate } from '../../common/dates.ts';
import { typstDate, typstPdf, typstString } from './typst.ts';
import { datesPhrase, longDate, type DocumentLanguage } from './wording.ts';

export interface CertificateData {
  reference: string;
  /** As the person is to be named: title, given and family name. */
  participantName: string;
  state: string;
  eventTitle: string;
  venue: string;
  startOn: IsoDate;
  endOn: IsoDate;
  /** Where and when the certificate is issued. */
  place: string;
  issuedOn: IsoDate;
  language: DocumentLanguage;
}

const WORDS: Record<
  DocumentLanguage,
  {
    heading: string;
    certify: string;
    attended: string;
    held: string;
    issued: (place: string, date: string) => string;
    reference: string;
  }
> = {
  en: {
    heading: 'Certificate of attendance',
    certify: 'This is to certify that',
    attended: 'attended the',
    held: 'held in',
    issued: (place, date) => `Issued in ${place} on ${date}`,
    reference: 'Reference:',
  },
  fr: {
    heading: 'Attestation de participation',
    certify: 'Il est certifié que',
    attended: 'a participé à la réunion suivante :',
    held: 'à',
    issued: (place, date) => `Fait à ${place}, le ${date}`,
    reference: 'Référence :',
  },
};

/** One certificate as PDF. */
export async function certificatePdf(data: CertificateData): Promise<Buffer> {
  return typstPdf(certificateTypst(data));
}

/** The Typst source of a certificate: a fixed layout, every text in a string literal. */
export function certificateTypst(data: CertificateData): string {
  assertIsoDate(data.issuedOn, 'issuedOn');
  const w = WORDS[data.language];
  const s = typstString;
  const where = `${w.held} ${data.venue} ${datesPhrase(data.startOn, data.endOn, data.language)}`;
  return `#set document(title: ${s(`${w.heading}: ${data.participantName}`)}, date: ${typstDate(data.issuedOn)})
#set page(paper: "a4", flipped: true, margin: 2cm)
#set text(font: "Noto Sans", size: 13pt, lang: "${data.language}", hyphenate: false)
#rect(width: 100%, height: 100%, stroke: 1.5pt + rgb("#1f4e79"), inset: 1.5cm)[
  #set align(center)
  #text(size: 11pt, weight: "bold", tracking: 0.15em)[UNITED NATIONS #h(2em) NATIONS UNIES]
  #v(1fr)
  #text(size: 26pt, weight: "bold", fill: rgb("#1f4e79"), ${s(w.heading)})
  #v(1fr)
  #text(${s(w.certify)})
  #v(0.6em)
  #text(size: 20pt, weight: "bold", ${s(data.participantName)})
  #v(0.2em)
  #text(${s(`(${data.state})`)})
  #v(0.6em)
  #text(${s(w.attended)})
  #v(0.6em)
  #text(size: 16pt, weight: "bold", ${s(data.eventTitle)})
  #v(0.4em)
  #text(${s(where)})
  #v(1fr)
  #grid(columns: (1fr, 1fr), align: (left, right),
    text(size: 10pt, ${s(`${w.reference} ${data.reference}`)}),
    text(size: 10pt, ${s(w.issued(data.place, longDate(data.issuedOn, data.language)))}),
  )
]
`;
}
