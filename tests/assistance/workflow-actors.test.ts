// Who acts for which side of a State's request (src/assistance/domain/workflow.ts): one rule, used by the
// server's step checks and by the web's offer of steps.
import { describe, expect, it } from 'vitest';
import { workflowActors } from '../../src/assistance/domain/workflow.ts';
import { stepActors, viewerOf } from '../../src/assistance/services/viewer.ts';
import { ROLES, type Principal } from '../../src/auth/domain/policy.ts';

describe('workflow actors', () => {
  it.each([
    ['admin', ['requester', 'programme', 'fund']],
    ['programme_officer', ['requester', 'programme']],
    ['fund_officer', ['fund']],
    ['donor', []],
  ] as const)('%s acts for %j on any State', (role, sides) => {
    expect(workflowActors(role, [], 'ITA')).toEqual(sides);
  });

  it("a focal point acts as the requester for its own States' requests only", () => {
    expect(workflowActors('focal_point', ['ITA', 'MLT'], 'ITA')).toEqual(['requester']);
    expect(workflowActors('focal_point', ['ITA', 'MLT'], 'FRA')).toEqual([]);
    expect(workflowActors(null, [], 'ITA')).toEqual([]);
  });

  it("gives the server's answer for every role, from the same principal", () => {
    for (const role of ROLES) {
      const principal: Principal = { userId: '1', role, states: ['ITA'], donors: ['D1'], via: 'session' };
      for (const participant of ['ITA', 'FRA']) {
        expect(stepActors(viewerOf(principal), role, participant), `${role} on ${participant}`).toEqual(
          workflowActors(role, principal.states, participant),
        );
      }
    }
  });
});
