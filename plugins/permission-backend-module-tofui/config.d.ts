/*
 * Configuration read by the tofUI permission policy module.
 */
export interface Config {
  tofui?: {
    /**
     * Roles of the tofUI permission policy (this module). Entries are user or
     * group entity refs; a user gets the strongest role of themselves and
     * their groups. viewer: read; developer: also publish and update;
     * admin: everything (deletes, repositories, status types, audit log).
     */
    rbac?: {
      roles?: {
        admin?: string[];
        developer?: string[];
        viewer?: string[];
      };
      /** Role of signed-in users in no list: viewer (default), developer, admin or none. */
      defaultRole?: 'viewer' | 'developer' | 'admin' | 'none';
      /**
       * Which reports viewers and developers read (admins read all):
       * `catalog` (default) those of folders a catalog entity maps; `owned`
       * those of entities the user or their groups own; `all` every report.
       */
      readScope?: 'catalog' | 'owned' | 'all';
    };
  };
}
