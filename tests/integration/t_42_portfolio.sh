# t_42_portfolio.sh — a mission's portfolio (issue 13) through the real server, each figure
# against what the test reads from the database itself: the balance (initiatives and budgets
# by origin), the counts of the gaps that are past a date, the objectives API's initiatives,
# the matrix CSV (one row per shown initiative, a 1 for each objective it serves) and the
# gaps CSV (one row per gap the API counts); the page links each gap to where it is fixed;
# an unknown mission is a 404 and a bad stale value a 400.

PF_M=skolmat
PF_ID=$(q "SELECT id FROM mission WHERE slug = '$PF_M'")
PF_TODAY=$(date -u +%Y-%m-%d)
# shown initiatives: live and not a proposal under review or declined
PF_SHOWN="n.mission_id = $PF_ID AND n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')"

fetch "/api/v1/missions/$PF_M/portfolio"
check "portfolio: the API answers 200 with JSON" eval 'eq "$S" 200 && json_ok "$B"'
cp "$B" "$T/pf.json"
for o in top_down bottom_up; do
    n=$(q "SELECT COUNT(*) FROM initiative n WHERE $PF_SHOWN AND n.origin = '$o'")
    sum=$(q "SELECT CAST(COALESCE(SUM(n.budget_sek), 0) AS BIGINT) FROM initiative n WHERE $PF_SHOWN AND n.origin = '$o'")
    check "portfolio: $o: $n initiatives, $sum kronor, as the database sums them" \
        eval "jqt \"$T/pf.json\" '.balance.$o.initiatives == $n and .balance.$o.budget_sek == $sum'"
done
N_PAST=$(q "SELECT COUNT(*) FROM initiative n WHERE $PF_SHOWN AND n.status IN ('accepted', 'running') AND n.end_date < '$PF_TODAY'")
N_DUE=$(q "SELECT COUNT(*) FROM commitment WHERE mission_id = $PF_ID AND status IN ('pledged', 'confirmed', 'in_progress') AND by_date < '$PF_TODAY'")
N_FU=$(q "SELECT COUNT(*) FROM follow_up f JOIN dialogue d ON d.id = f.dialogue_id WHERE d.mission_id = $PF_ID AND f.done_at IS NULL AND f.due_on < '$PF_TODAY' AND d.is_public = 1")
check "portfolio: past their date: $N_PAST initiatives, $N_DUE commitments, $N_FU public follow-ups" \
    eval "jqt \"$T/pf.json\" '.gap_counts.past_end == $N_PAST and .gap_counts.commitment_due == $N_DUE and .gap_counts.follow_up_due == $N_FU'"
check "portfolio: the demo shows a gap of every kind" \
    jqt "$T/pf.json" '[.gap_counts[]] | all(. >= 1)'
N_NOACT=$(q "SELECT COUNT(*) FROM objective o WHERE o.mission_id = $PF_ID AND o.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM initiative_objective io JOIN initiative n ON n.id = io.initiative_id WHERE io.objective_id = o.id AND $PF_SHOWN AND n.status IN ('accepted', 'running'))")
check "portfolio: $N_NOACT objectives no active initiative serves" \
    jqt "$T/pf.json" ".gap_counts.no_initiative == $N_NOACT"

# the objectives API lists each objective's initiatives
fetch "/api/v1/missions/$PF_M/objectives"
PF_PAIRS=$(q "SELECT io.objective_id || ':' || io.initiative_id FROM initiative_objective io JOIN initiative n ON n.id = io.initiative_id WHERE $PF_SHOWN ORDER BY io.objective_id, io.initiative_id" | tr '\n' ' ')
check "portfolio: the objectives API lists the initiatives serving each objective" \
    eval 'eq "$(jq -r "[.items[] | .id as \$o | .initiative_ids[] | \"\(\$o):\(.)\"] | join(\" \")" "$B") " "$PF_PAIRS"'

# the page
fetch "/missions/$PF_M/portfolio?lang=en"
check "portfolio: the page answers 200" eq "$S" 200
check "portfolio: ... a stale indicator links to where its data is added" has_re 'href="/indicators/[0-9]+/data(\?lang=en)?"'
check "portfolio: ... an initiative past its end links to its edit form" has_re 'href="/initiatives/[0-9]+/edit(\?lang=en)?"'
check "portfolio: ... an absent sector links to the actors of that sector" has_re 'href="/actors\?sector=[a-z_]+'
check "portfolio: ... and the two CSV files and the API" \
    eval 'has "/missions/$PF_M/portfolio/matrix.csv" && has "/missions/$PF_M/portfolio/gaps.csv" && has "/api/v1/missions/$PF_M/portfolio"'
fetch "/missions/$PF_M?lang=en"
check "portfolio: the mission page links to it" has "/missions/$PF_M/portfolio"
fetch "/missions/no-such-mission/portfolio"
check "portfolio: an unknown mission is 404" eq "$S" 404
fetch "/missions/$PF_M/portfolio?stale=0"
check "portfolio: a stale value below 1 is a 400" eq "$S" 400

# the CSV files, read with Python's csv module
fetch "/missions/$PF_M/portfolio/matrix.csv"
check "portfolio: the matrix CSV is text/csv, an attachment" \
    eval 'match "$CT" "^text/csv" && match "$(hdr Content-Disposition)" "^attachment"'
PF_LINKS=$(q "SELECT COUNT(*) FROM initiative_objective io JOIN initiative n ON n.id = io.initiative_id JOIN objective o ON o.id = io.objective_id WHERE $PF_SHOWN AND o.archived_at IS NULL")
PF_N=$(q "SELECT COUNT(*) FROM initiative n WHERE $PF_SHOWN")
check "portfolio: ... one row per shown initiative ($PF_N), a 1 for each of its $PF_LINKS links" \
    eval 'eq "$(python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding=\"utf-8\")))
print(len(rows) - 1, sum(r[5:].count(\"1\") for r in rows[1:]))" "$B")" "$PF_N $PF_LINKS"'
fetch "/missions/$PF_M/portfolio/gaps.csv"
PF_GAPS=$(jq '[.gap_counts[]] | add' "$T/pf.json")
check "portfolio: the gaps CSV has one row per gap the API counts ($PF_GAPS)" \
    eval 'eq "$(python3 -c "
import csv, sys
print(len(list(csv.reader(open(sys.argv[1], encoding=\"utf-8\")))) - 1)" "$B")" "$PF_GAPS"'
