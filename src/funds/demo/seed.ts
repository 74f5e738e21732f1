// The seed of the illustrative demo dataset, apart from its generator so that the command line can show it
// in its help without loading the generator.
export const DEMO_SEED = 56120; // General Assembly resolution 56/120
