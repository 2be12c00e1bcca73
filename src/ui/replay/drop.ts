// Drag and drop of replay files anywhere on a page. Listening in the capture phase on the document keeps Monaco (which
// takes drops of text) from swallowing a dropped file.

/** Calls `onFile` with a file dropped on the page and `onHover` while one is dragged over it; returns the cleanup. */
export function listenForDrops(doc: Document, onFile: (f: File) => void, onHover: (hovering: boolean) => void): () => void {
  const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const over = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer!.dropEffect = 'copy';
    onHover(true);
  };
  const leave = (e: DragEvent) => {
    // Leaving for a child element fires too; only leaving the window (no related target) ends the hover.
    if (!e.relatedTarget) onHover(false);
  };
  const drop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    onHover(false);
    const file = e.dataTransfer!.files[0];
    if (file) onFile(file);
  };
  doc.addEventListener('dragover', over, true);
  doc.addEventListener('dragleave', leave, true);
  doc.addEventListener('drop', drop, true);
  return () => {
    doc.removeEventListener('dragover', over, true);
    doc.removeEventListener('dragleave', leave, true);
    doc.removeEventListener('drop', drop, true);
  };
}
