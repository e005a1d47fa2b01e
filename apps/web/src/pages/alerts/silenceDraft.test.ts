import { describe, expect, it } from 'vitest';
import { recordedAlerts } from '../../components/alerts/testFixtures.ts';
import { draftFor, draftProblem, silenceRequestOf } from './silenceDraft.ts';

const instanceDown = recordedAlerts.alerts.find((alert) => alert.name === 'InstanceDown')!;

describe('a silence draft', () => {
  it('starts from every label of the alert, alertname first, for 2h, without a comment', () => {
    const draft = draftFor(instanceDown);

    expect(draft.labels.map(([name]) => name)).toEqual(['alertname', 'instance', 'job', 'severity']);
    expect(draft.chosen).toEqual(['alertname', 'instance', 'job', 'severity']);
    expect(draft.duration).toBe('2h');
    expect(draftProblem(draft)).toBe('Say why, for whoever sees the silence next.');
  });

  it('becomes equality matchers of the chosen labels, the comment trimmed', () => {
    const draft = { ...draftFor(instanceDown), chosen: ['job', 'alertname'], comment: '  Replacing the exporter \n' };

    expect(draftProblem(draft)).toBeUndefined();
    expect(silenceRequestOf(draft)).toEqual({
      matchers: [
        { name: 'alertname', value: 'InstanceDown', isRegex: false, isEqual: true },
        { name: 'job', value: 'node', isRegex: false, isEqual: true },
      ],
      duration: '2h',
      comment: 'Replacing the exporter',
    });
  });

  it('needs a label to match and a comment of sane length', () => {
    const draft = { ...draftFor(instanceDown), comment: 'x' };

    expect(draftProblem({ ...draft, chosen: [] })).toBe('Choose at least one label to match.');
    expect(draftProblem({ ...draft, comment: 'x'.repeat(1_001) })).toBe('Keep the comment under 1000 characters.');
  });
});
