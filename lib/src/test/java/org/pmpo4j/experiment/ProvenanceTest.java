package org.pmpo4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @Test
    void cpuModelIsFirstModelNameLine(@TempDir Path folder) throws IOException {
        Path cpuInfo = folder.resolve("cpuinfo");
        Files.writeString(cpuInfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\n\n"
                + "processor\t: 1\nmodel name\t: AMD EPYC 7B13\n");
        assertEquals("AMD EPYC 7B13", Provenance.cpuModel(cpuInfo));
    }

    @Test
    void missingCpuInfoFallsBackToArchitecture(@TempDir Path folder) {
        assertEquals(System.getProperty("os.arch"), Provenance.cpuModel(folder.resolve("absent")));
    }

    @Test
    void noModelNameFallsBackToArchitecture(@TempDir Path folder) throws IOException {
        // ARM kernels list "CPU implementer" and "CPU part" instead of a model name.
        Path cpuInfo = folder.resolve("cpuinfo");
        Files.writeString(cpuInfo, "processor\t: 0\nCPU implementer\t: 0x41\n");
        assertEquals(System.getProperty("os.arch"), Provenance.cpuModel(cpuInfo));
    }

    @Test
    void headerLinesComeInFixedOrder() {
        Map<String, String> header = new LinkedHashMap<>();
        header.put("experiment", "test");
        Provenance.addTo(header);
        List<String> keys = new ArrayList<>(header.keySet());

        assertEquals("experiment", keys.get(0));
        assertEquals("version/pmpo4j", keys.get(1));
        assertEquals(List.of("machine/cpu", "machine/processors", "git"), keys.subList(keys.size() - 3, keys.size()));
        assertTrue(keys.contains("version/pytorch"), keys.toString());
    }
}
