/**
 * What printed material is fed: plain views built by services/print. Nothing here reads the
 * database; the layouts only draw what they are given.
 */

/** A grid worker as printed: never the ID number. */
export interface Person {
  name: string;
  phone: string;
  role: string;
  title: string;
  photo: Buffer | null;
}

/** The settings every sheet prints (unit, phones). */
export interface PrintSettings {
  unitName: string;
  supervisionPhone: string;
  centerPhone: string;
}
