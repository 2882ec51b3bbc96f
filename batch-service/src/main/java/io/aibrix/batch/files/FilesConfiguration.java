package io.aibrix.batch.files;

import java.time.Clock;

import io.aibrix.batch.storage.FileStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Files API: the {@link FileService} other features use and the streaming uploader. */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    @Bean
    FileService fileService(FileRepository files, FileStore store, ObjectProvider<Clock> clock) {
        return new FileService(files, store, clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    FileUploader fileUploader(FileService files, FileStore store, FilesProperties properties) {
        return new FileUploader(files, store, properties);
    }
}
