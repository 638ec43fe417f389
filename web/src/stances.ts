import type { Stance } from './gql/graphql';

/** Every stance, in the schema's order, with its colour (Okabe–Ito, told apart by colour-blind readers too). */
export const stances: readonly Stance[] = ['COMMIT', 'CONCERN', 'CRITICIZE', 'OPPOSE', 'SUPPORT', 'THREATEN', 'URGE'];

export const stanceColours: Record<Stance, string> = {
  COMMIT: '#0072B2',
  CONCERN: '#E69F00',
  CRITICIZE: '#CC79A7',
  OPPOSE: '#D55E00',
  SUPPORT: '#009E73',
  THREATEN: '#000000',
  URGE: '#56B4E9',
};

export const stanceLabel = (stance: Stance) => stance.charAt(0) + stance.slice(1).toLowerCase();
