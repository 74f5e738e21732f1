// The chain the country page shows: need → request → project → money → outcome, for one State, as far as
// the viewer may see it (confidential links are left out, never shown as blanks that give them away).
import { DomainError } from '../../common/errors.ts';
import type { Db } from '../repository.ts';
import { assessmentView } from './assessments.ts';
import { projectViews } from './projects.ts';
import { requestViews } from './requests.ts';
import { seesStateRecords, type Viewer } from './viewer.ts';

export async function countryChain(db: Db, viewer: Viewer, participantId: string) {
  let needs: Array<{ provision: string; title: string; status: string; needs: string[] }> = [];
  try {
    const assessment = await assessmentView(db, viewer, participantId, { remaining: true });
    needs = assessment.provisions
      .filter((p) => p.current)
      .map((p) => ({
        provision: p.provision,
        title: p.title,
        status: p.current?.status ?? '',
        needs: p.current?.needs ?? [],
      }));
  } catch (err) {
    // Not published and not the viewer's: nothing to show.
    if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
  }
  const requests = seesStateRecords(viewer, participantId)
    ? await requestViews(db, viewer, { participantId })
    : [];
  const projects = await projectViews(db, viewer, { participantId });
  return {
    participantId,
    needs,
    requests: requests.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      status: r.status,
      provisions: r.provisions,
      eligible: r.eligible,
      projectId: projects.find((p) => p.requestId === r.id)?.id ?? null,
    })),
    projects: projects.map((p) => ({
      id: p.id,
      requestId: p.requestId,
      title: p.title,
      status: p.status,
      budget: p.budget,
      funded: p.funded,
      spent: p.spent,
      funding: p.funding.map((f) => ({ donorId: f.donorId, earmarkId: f.earmarkId, allocated: f.allocated })),
      outcomes: p.outcomes,
    })),
  };
}
