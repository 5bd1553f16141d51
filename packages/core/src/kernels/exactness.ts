/**
 * How closely a backend must reproduce the js reference: `'bit-exact'` for anything that
 * shapes a bitstream, a tolerance for float kernels.
 */
export type Exactness = 'bit-exact' | { readonly atol: number; readonly rtol: number };
