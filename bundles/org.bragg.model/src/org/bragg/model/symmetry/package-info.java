/**
 * Unit cells and crystallographic symmetry: {@link org.bragg.model.symmetry.UnitCell}
 * (metric, B matrix, Niggli reduction), {@link org.bragg.model.symmetry.SymOp},
 * {@link org.bragg.model.symmetry.ChangeOfBasisOp}, {@link org.bragg.model.symmetry.SpaceGroup}
 * (Hall symbols, point/Laue groups, systematic absences, CCP4 reciprocal ASU and MTZ ISYM)
 * and the table {@link org.bragg.model.symmetry.SpaceGroups} generated from gemmi.
 *
 * <p>Conventions follow cctbx (sgtbx/uctbx) as used by DIALS and dxtbx: fractional
 * coordinates are column vectors (x′ = R·x + t), Miller indices row vectors (h′ = h·R),
 * translations are stored in 1/24, angles of unit cells are in degrees and lengths in Å.
 * The crystal setting matrix A = U·B has a*, b*, c* as columns (Å⁻¹), B = Fᵀ with F the
 * cctbx fractionalization matrix.
 *
 * <p>Sources: Hall (1981), Acta Cryst. A37, 517–525 (Hall symbols); Grosse-Kunstleve (1999),
 * Acta Cryst. A55, 383–395 (algorithms for space groups); Křivý &amp; Gruber (1976),
 * Acta Cryst. A32, 297–298 (Niggli reduction); Grosse-Kunstleve, Sauter &amp; Adams (2004),
 * Acta Cryst. A60, 1–6 (numerically stable reduction); Wojdyr (2022), J. Open Source Softw.
 * 7, 4200 (gemmi, source of the space-group table); CCP4 symlib (reciprocal asymmetric
 * units, MTZ ISYM).
 *
 * @since 0.1
 */
package org.bragg.model.symmetry;
