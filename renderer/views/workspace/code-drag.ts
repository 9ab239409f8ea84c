/** The drag-and-drop data type for a code dragged from the codebook (onto a selection, or onto another code). */
export const CODE_DRAG_TYPE = 'application/x-tessera-code';
