import type { ProjectData } from '../model/types';
import { buildSampleProject } from './build';
import { sampleCodebook } from './codebook';
import { codingsPart1 } from './codings-a';
import { codingsPart2 } from './codings-b';
import { sampleThemes } from './themes';
import { p01 } from './transcripts/p01';
import { p02 } from './transcripts/p02';
import { p03 } from './transcripts/p03';
import { p04 } from './transcripts/p04';
import { p05 } from './transcripts/p05';
import { p06 } from './transcripts/p06';
import { p07 } from './transcripts/p07';
import { p08 } from './transcripts/p08';
import { p09 } from './transcripts/p09';
import { p10 } from './transcripts/p10';
import { p11 } from './transcripts/p11';
import { p12 } from './transcripts/p12';
import { p13 } from './transcripts/p13';
import { p14 } from './transcripts/p14';
import { p15 } from './transcripts/p15';
import { p16 } from './transcripts/p16';
import { p17 } from './transcripts/p17';

export const sampleTranscripts = [p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16, p17];

export const sampleInput = {
  transcripts: sampleTranscripts,
  codebook: sampleCodebook,
  codings: [...codingsPart1, ...codingsPart2],
  themes: sampleThemes,
};

/** The built-in sample project: 17 interviews, a starter codebook, two coders and three candidate themes. */
export function buildSample(projectId: string, now = Date.now()): Promise<ProjectData> {
  return buildSampleProject(sampleInput, projectId, now);
}
