import { useEffect, useState } from 'react';

import { todayIso } from './dates';

type WorkingDaysLeft = (due: string, today: string) => number;

let loaded: WorkingDaysLeft | null = null;

/**
 * Working days from today until `due` (negative when overdue), counted with the shared Dutch calendar,
 * exactly as the server counts them. Null while the calendar loads.
 */
export function useWorkingDaysLeft(due: string): number | null {
  const [calendar, setCalendar] = useState<WorkingDaysLeft | null>(() => loaded);
  useEffect(() => {
    if (calendar) return;
    let active = true;
    void import('./calendar').then((module) => {
      loaded = module.workingDaysLeft;
      if (active) setCalendar(() => module.workingDaysLeft);
    });
    return () => {
      active = false;
    };
  }, [calendar]);
  return calendar ? calendar(due, todayIso()) : null;
}
