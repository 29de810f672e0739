import { useState } from 'react';
import { callNotify } from '@renderer/lib/api';
import { RecordFormDrawer, type RecordTarget } from '../records/RecordForm';

const KIND = { dispute: 'disputes', report: 'reports' } as const;

/** Opens a case or report behind an amount in the record's own form, to read or fix it. */
export function useRecordOpener() {
  const [target, setTarget] = useState<RecordTarget>(null);
  const open = async (kind: keyof typeof KIND, id: number) => {
    const record = await callNotify('records/get', { kind: KIND[kind], id });
    if (record) setTarget({ kind: KIND[kind], record });
  };
  const drawer = <RecordFormDrawer target={target} onClose={() => setTarget(null)} />;
  return { open, drawer };
}
