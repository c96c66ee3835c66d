/**
 * A number of the report that opens the consultations behind it (its drill-down
 * key). Zero opens nothing, so it is plain text.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FigureOpener {
  /** open the drill-down of a figure; prev: a figure of the previous period */
  open(key: string, prev?: boolean): void;
}

export const FigureOpenerContext = createContext<FigureOpener>({ open: () => undefined });

export function useFigureOpener(): FigureOpener {
  return useContext(FigureOpenerContext);
}

interface Props {
  /** the number the link stands for (0 = nothing to open) */
  value: number;
  figureKey: string;
  /** what the number counts, for the accessible name ("合同签订 次数") */
  label: string;
  prev?: boolean;
  /** how the number is shown; default the number itself */
  children?: ReactNode;
  className?: string;
}

export function FigureLink({ value, figureKey, label, prev, children, className }: Props) {
  const { t } = useTranslation();
  const { open } = useFigureOpener();
  const shown = children ?? value;
  if (value === 0) return <span className={`report-num report-num-zero ${className ?? ''}`}>{shown}</span>;
  return (
    <button
      type="button"
      className={`report-num ${className ?? ''}`}
      aria-label={t('reports.open', { label, value })}
      title={t('reports.open', { label, value })}
      onClick={() => open(figureKey, prev)}
    >
      {shown}
    </button>
  );
}
