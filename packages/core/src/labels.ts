/** The longest label value Promwall takes as a filter or variable, in characters. */
export const MAX_LABEL_VALUE_LENGTH = 1_024;
