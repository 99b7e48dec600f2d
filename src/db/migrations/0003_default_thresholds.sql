-- SPEC §3 default bands, in force from the start. Ratios as fractions; expense in ‰; DSO in days.
INSERT INTO "threshold_bands" ("no", "effective_month", "red", "yellow", "changed_at", "reason") VALUES
  (1, '2000-01', 0.90, 1.00, now(), 'SPEC §3 default'),
  (2, '2000-01', 0.90, 1.00, now(), 'SPEC §3 default'),
  (3, '2000-01', 0.90, 1.00, now(), 'SPEC §3 default'),
  (4, '2000-01', 0.90, 1.00, now(), 'SPEC §3 default'),
  (5, '2000-01', 0.15, 0.20, now(), 'SPEC §3 default'),
  (6, '2000-01', 0.70, 0.85, now(), 'SPEC §3 default'),
  (7, '2000-01', 60, 45, now(), 'SPEC §3 default'),
  (8, '2000-01', 120, 90, now(), 'SPEC §3 default');
