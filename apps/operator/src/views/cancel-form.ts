/** What an operator typed into a cancel form (a stay's or a table's), kept beside its field errors. */
export interface CancelForm {
  reason: string;
  waiveFee: boolean;
}
