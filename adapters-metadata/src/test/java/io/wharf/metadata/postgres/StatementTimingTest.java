package io.wharf.metadata.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementTimingTest {

    @Test
    void theOperationIsTheStatementsLeadingKeyword() {
        assertThat(StatementTiming.operation("select \"repository\".\"id\" from \"repository\"")).isEqualTo("SELECT");
        assertThat(StatementTiming.operation("  INSERT INTO event VALUES (?, ?)")).isEqualTo("INSERT");
        assertThat(StatementTiming.operation("with recursive t as (select 1) select * from t")).isEqualTo("WITH");
        assertThat(StatementTiming.operation("begin")).isEqualTo("BEGIN");
    }

    @Test
    void noKeywordOrAnEndlessOneIsOther() {
        assertThat(StatementTiming.operation("")).isEqualTo("OTHER");
        assertThat(StatementTiming.operation("(select 1)")).isEqualTo("OTHER");
        assertThat(StatementTiming.operation("x".repeat(40) + " 1")).isEqualTo("OTHER");
    }
}
