// A modal dialog on the native <dialog> element: showModal() traps focus and makes the page inert,
// Esc fires `cancel`, which we turn into onClose so the owner decides what closing means.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './modal.css';

export function Modal({
  title,
  onClose,
  children,
  className,
  describedBy,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  className?: string;
  describedBy?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={`modal ${className ?? ''}`} aria-labelledby={titleId} aria-describedby={describedBy}>
      <h2 id={titleId} className="modal-title">{title}</h2>
      {children}
    </dialog>
  );
}
