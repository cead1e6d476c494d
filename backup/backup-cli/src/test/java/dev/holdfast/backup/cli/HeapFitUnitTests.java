package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapFitUnitTests {

    @Test
    void sizesTheHeapFromTheIndexFilesAndMoreForPrune() {
        assertThat(HeapFit.heapMiB(0, HeapFit.OPEN_FACTOR)).as("an empty repository: the working set").isEqualTo(48);
        // 1.2 million blobs in 47.8 MB of index files took 88 MB of heap once loaded; pruning it, 384 MiB
        assertThat(HeapFit.heapMiB(47_826_974, HeapFit.OPEN_FACTOR)).isEqualTo(144);
        assertThat(HeapFit.heapMiB(47_826_974, HeapFit.PRUNE_FACTOR)).isEqualTo(416);
        assertThat(HeapFit.heapMiB(700_000, HeapFit.PRUNE_FACTOR)).as("the benchmark's 2 GiB: no restart")
                .isLessThanOrEqualTo(96);
    }
}
