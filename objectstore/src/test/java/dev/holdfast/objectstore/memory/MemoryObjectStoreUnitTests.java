package dev.holdfast.objectstore.memory;

import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreContractTests;
import org.junit.jupiter.api.Assumptions;

/** The memory store under the shared contract; it has no credentials to get wrong. */
class MemoryObjectStoreUnitTests extends ObjectStoreContractTests {

    @Override
    protected ObjectStore newStore() {
        return new MemoryObjectStore("test");
    }

    @Override
    protected ObjectStore storeWithWrongCredentials() {
        Assumptions.abort("the memory store has no credentials");
        throw new AssertionError();
    }
}
